package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.Backoff;
import dev.camrtc.ros.depth.LosslessDepth;
import dev.camrtc.protocol.client.ReconnectingSignalingClient;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.ros.session.SessionState.Phase;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's side of the signaling protocol and of the WebRTC session with the chosen sender:
 * keeps the sender directory, picks the sender ({@link SenderSelector}), asks for an offer, answers it
 * ({@link WebRtcAttempt}) and hands every frame to a {@link StreamOutput} with its header stamp (the frame
 * stamp's capture time when the frame carries one, else the receive time).
 *
 * <p>Recovery: a failed, timed-out or hung-up WebRTC session asks for a new offer (backoff
 * {@link SessionTimings#firstRetry()} doubling to {@link SessionTimings#maxRetry()}), switching to the
 * {@link MediaFallback} meanwhile; a sender that leaves is waited for and asked again when it (or, when
 * chosen by name or as the only one, a sender of the same name) comes back; the signaling connection
 * reconnects with backoff by itself. Every change is logged once ({@link SessionState}).
 *
 * <p>All state lives on one thread ({@code ros-session}); signaling and peer callbacks are posted to it.
 */
public final class ReceiverSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverSession.class);

    private final RtcEngine engine;
    private final PeerSettings settings;
    private final SenderDirectory directory;
    private final StreamOutput output;
    private final MediaFallback fallback;
    private final SessionTimings timings;
    private final Consumer<String> fatal;
    private final SessionState state = new SessionState();
    private final SessionLoop loop = new SessionLoop();
    private final Backoff backoff;
    private final ReconnectingSignalingClient signaling;

    // loop thread only
    private String label = "receiver";
    private Registered registered;
    private boolean settled;
    private SenderInfo target;
    private WebRtcAttempt attempt;
    private long generation;
    private volatile String streamingFrom;

    /**
     * Connects in the background and returns at once.
     *
     * @param fatal called (once, on the session thread) when the receiver cannot go on: several senders
     *              fit and nothing chose between them; the message lists them
     */
    public ReceiverSession(SignalingOptions signalingOptions, RtcEngine engine, PeerSettings settings,
                           SenderChoice choice, StreamOutput output, MediaFallback fallback,
                           SessionTimings timings, Consumer<String> fatal) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = new SenderDirectory(choice);
        this.output = Objects.requireNonNull(output, "output");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.fatal = Objects.requireNonNull(fatal, "fatal");
        this.backoff = new Backoff(timings.firstRetry(), timings.maxRetry(), 0.2, new Random());
        this.signaling = ReconnectingSignalingClient.start(signalingOptions, new ReconnectingSignalingClient.Listener() {
            @Override
            public void onConnected(Registered r) {
                post(() -> connected(r));
            }

            @Override
            public void onMessage(Message m) {
                post(() -> message(m));
            }

            @Override
            public void onDisconnected(String reason) {
                post(() -> disconnected(reason));
            }
        });
    }

    /** What the session is doing now. */
    public Phase phase() {
        return state.phase();
    }

    /** Id of the sender whose WebRTC frames arrive now, or null. */
    public String streamingFrom() {
        return streamingFrom;
    }

    private void post(Runnable r) {
        loop.post(r);
    }

    private void later(Duration delay, long gen, Runnable r) {
        loop.later(delay, () -> generation, gen, r);
    }

    private void connected(Registered r) {
        registered = r;
        label = "receiver " + r.receiverId();
        directory.clear();
        if (alive()) { // media is peer to peer: a session survives a signaling outage
            state.set(label, Phase.STREAMING, "registered again; the WebRTC session with sender "
                    + target.senderId() + " continues");
        } else {
            endPeer();
            target = null;
            state.set(label, Phase.WAITING_FOR_SENDER, "registered; waiting for the sender directory");
        }
        settled = !directory.needsWholeDirectory(); // by id or name: take it as soon as it is announced
        long gen = generation;
        later(timings.directorySettle(), gen, () -> { // then decide (or say what is awaited) on the whole directory
            settled = true;
            choose();
        });
    }

    private boolean alive() {
        return attempt != null && target != null && attempt.state() == RTCPeerConnectionState.CONNECTED;
    }

    private void disconnected(String reason) { // the signaling client logs the reason itself
        registered = null;
        if (alive()) {
            state.set(label, Phase.STREAMING, "signaling connection lost; the WebRTC session with sender "
                    + target.senderId() + " continues");
            return;
        }
        boolean hadSession = attempt != null;
        endPeer();
        target = null;
        state.set(label, Phase.CONNECTING_SIGNALING, hadSession
                ? "WebRTC session closed with the signaling connection; asking again once reconnected"
                : "waiting for the signaling connection");
        if (fallback.active()) {
            state.set(label, Phase.FALLBACK, "still publishing from the MJPEG fallback");
        }
    }

    private void message(Message m) {
        if (m instanceof SenderInfo s) {
            senderUpdated(s);
        } else if (m instanceof SenderLeft l) {
            senderLeft(l.senderId());
        } else if (m instanceof Offer o) {
            offer(o);
        } else if (m instanceof Candidate c) {
            if (attempt != null && attempt.owns(c.senderId(), c.sessionId())) {
                attempt.addRemoteCandidate(c.candidate());
            }
        } else if (m instanceof Hangup h) {
            if (attempt != null && attempt.owns(h.senderId(), h.sessionId())) {
                endPeer(); // the sender's side is gone already: no hangup back
                retry("sender " + target.senderId() + " hung up");
            }
        } else if (m instanceof ErrorMessage e) {
            LOG.warn("{}: signaling server error {} ({}): {}", label, e.code(), e.ref(), e.message());
        } else {
            LOG.debug("{}: ignoring {}", label, m.type());
        }
    }

    private void senderUpdated(SenderInfo s) {
        SenderInfo before = directory.put(s);
        if (target != null && !target.senderId().equals(s.senderId()) && !directory.contains(target.senderId())
                && directory.follows(s) && s.streams() != null) {
            // after a server restart the sender has a new id; the running session stays
            state.set(label, alive() ? Phase.STREAMING : state.phase(), "sender '" + s.name() + "' is "
                    + s.senderId() + " now (was " + target.senderId() + ")");
            target = s;
            if (alive()) {
                streamingFrom = s.senderId();
            }
            output.announce(label, s.streams());
            return;
        }
        if (target != null && target.senderId().equals(s.senderId())) {
            target = s;
            output.announce(label, s.streams());
            if (before != null && !names(before.streams()).equals(names(s.streams()))) {
                retry("sender " + s.senderId() + " announced other streams " + names(s.streams()));
            }
            return;
        }
        choose();
    }

    private void senderLeft(String id) {
        directory.remove(id);
        if (target != null && target.senderId().equals(id)) {
            endPeer();
            fallback.stop();
            target = null;
            state.warn(label, Phase.WAITING_FOR_SENDER, "sender " + id + " left; waiting for it to come back");
        }
        choose();
    }

    private void choose() {
        if (target != null || registered == null || !settled) {
            return;
        }
        SenderSelector.Selection selection = directory.select();
        if (selection instanceof SenderSelector.Chosen c) {
            start(c.sender());
        } else if (selection instanceof SenderSelector.Waiting w) {
            state.set(label, Phase.WAITING_FOR_SENDER, w.reason());
        } else if (selection instanceof SenderSelector.Ambiguous a) {
            state.set(label, Phase.CLOSED, "several senders fit; choose one");
            fatal.accept((directory.choice().isAny() ? "several senders are online"
                    : "several senders fit " + directory.choice()) + "; choose one with --sender-id or "
                    + "--sender-name:\n" + a.listing());
        }
    }

    private void start(SenderInfo s) {
        target = s;
        directory.chosen(s);
        output.announce(label, s.streams());
        backoff.reset();
        requestOffer();
    }

    private void requestOffer() {
        endPeer();
        long gen = generation;
        String id = target.senderId();
        if (fallback.active()) {
            state.set(label, Phase.FALLBACK, "publishing from the MJPEG fallback; trying WebRTC with sender " + id
                    + " again");
        } else {
            state.set(label, Phase.REQUESTING_OFFER, "requesting an offer from sender "
                    + SenderSelector.shortName(target) + " " + names(target.streams()));
        }
        signaling.send(RequestOffer.toSender(id, LosslessDepth.requested(target.streams()))).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.debug("{}: request_offer not sent: {}", label, e.toString());
            }
        });
        later(timings.offerTimeout(), gen, () -> retry("no offer from sender " + id + " within "
                + timings.offerTimeout().toSeconds() + " s"));
    }

    private void offer(Offer o) {
        if (target == null || !target.senderId().equals(o.senderId())) {
            LOG.debug("{}: ignoring an offer from {}", label, o.senderId());
            return;
        }
        endPeer();
        long gen = generation;
        String id = o.senderId();
        PeerListener listener = new PeerListener() {
            @Override
            public void onConnectionStateChange(RTCPeerConnectionState s) {
                post(() -> {
                    if (gen == generation) {
                        peerState(s, gen);
                    }
                });
            }
        };
        attempt = new WebRtcAttempt(engine, registered.iceServers(), settings, o, listener, output);
        state.set(label, Phase.CONNECTING_PEER, "answering the offer of sender " + id);
        String session = attempt.sessionId();
        attempt.answer(target.streams()).whenComplete((answer, e) -> post(() -> {
            if (gen != generation) {
                return;
            }
            if (e != null) {
                retry("cannot answer the offer of sender " + id + ": " + e.getMessage());
                return;
            }
            signaling.send(Answer.toSender(id, answer, session));
        }));
        later(timings.connectTimeout(), gen, () -> {
            if (attempt == null || attempt.state() != RTCPeerConnectionState.CONNECTED) {
                retry("WebRTC did not connect to sender " + id + " within " + timings.connectTimeout().toSeconds() + " s");
            }
        });
    }

    private void peerState(RTCPeerConnectionState s, long gen) {
        String id = target == null ? "?" : target.senderId();
        if (s == RTCPeerConnectionState.CONNECTED) {
            backoff.reset();
            fallback.stop();
            streamingFrom = id;
            state.set(label, Phase.STREAMING, "receiving sender " + id + " over WebRTC and publishing to ROS 2");
        } else if (s == RTCPeerConnectionState.FAILED) {
            retry("WebRTC connection to sender " + id + " failed");
        } else if (s == RTCPeerConnectionState.DISCONNECTED) {
            later(timings.disconnectedGrace(), gen, () -> {
                if (attempt != null && attempt.state() == RTCPeerConnectionState.DISCONNECTED) {
                    retry("WebRTC connection to sender " + id + " stayed disconnected");
                }
            });
        } else {
            LOG.debug("{}: peer {} is {}", label, id, s);
        }
    }

    /** Ends the current attempt and asks again after the backoff; publishes from the fallback meanwhile. */
    private void retry(String why) {
        if (attempt != null) {
            signaling.send(Hangup.toSender(attempt.senderId(), attempt.sessionId()));
        }
        endPeer();
        if (target == null) {
            return;
        }
        if (registered != null && settled && !directory.contains(target.senderId())) {
            target = null; // gone while the signaling connection was down
            choose();
            return;
        }
        Duration delay = fallback.active() ? timings.webrtcRetryOnFallback() : backoff.next();
        long gen = generation;
        later(delay, gen, () -> { // scheduled first: nothing below may stop the retries
            if (target != null) {
                requestOffer();
            }
        });
        String fallbackProblem = null;
        if (target.mjpegUrl() != null && fallback != MediaFallback.NONE) {
            try {
                fallback.start(target);
            } catch (RuntimeException e) { // the directory's mjpeg_url and stream names come from any peer
                fallbackProblem = e.getMessage();
            }
        }
        if (fallback.active()) {
            state.warn(label, Phase.FALLBACK, why + "; publishing from the MJPEG URLs of sender "
                    + SenderSelector.shortName(target) + ", WebRTC again in " + delay.toSeconds() + " s");
        } else {
            state.warn(label, Phase.REQUESTING_OFFER, why + (fallbackProblem == null ? "" : "; no MJPEG fallback: "
                    + fallbackProblem) + "; asking again");
        }
    }

    private void endPeer() {
        generation++;
        streamingFrom = null;
        if (attempt != null) {
            WebRtcAttempt a = attempt;
            attempt = null;
            a.close();
        }
    }

    private static List<String> names(List<StreamDescription> streams) {
        return streams == null ? List.of() : streams.stream().map(StreamDescription::name).toList();
    }

    /** Hangs up, closes the peer and the fallback, then the signaling connection. Idempotent. */
    @Override
    public void close() {
        if (loop.isClosed()) {
            return;
        }
        try {
            loop.runAndWait(() -> {
                if (attempt != null) {
                    signaling.send(Hangup.toSender(attempt.senderId(), attempt.sessionId()));
                }
                endPeer();
                fallback.stop();
                state.set(label, Phase.CLOSED, "session closed");
            }, Duration.ofSeconds(5));
        } catch (Exception e) {
            LOG.warn("{}: closing the session: {}", label, e.toString());
        }
        loop.close();
        signaling.close();
    }
}
