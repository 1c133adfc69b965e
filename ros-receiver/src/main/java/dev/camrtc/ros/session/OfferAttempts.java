package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.client.Backoff;
import dev.camrtc.protocol.client.SignalingDefaults;
import dev.camrtc.ros.depth.LosslessDepth;
import dev.camrtc.ros.session.SessionState.Phase;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebRTC side of a {@link ReceiverSession}: one offer attempt at a time with the chosen sender (request an
 * offer, answer it with a {@link WebRtcAttempt}, wait for it to connect) and its recovery: a failed, timed-out
 * or hung-up attempt asks again after a backoff ({@link SessionTimings#firstRetry()} doubling to
 * {@link SessionTimings#maxRetry()}, varied by {@link SignalingDefaults#RETRY_JITTER}), publishing from the
 * {@link MediaFallback} meanwhile.
 *
 * <p>Runs on the session's thread only. Every attempt has a generation: ending an attempt bumps it, so a
 * timer or peer callback of an older attempt (scheduled with {@link #later}) does nothing.
 */
final class OfferAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(OfferAttempts.class);

    /** What the attempts need from the session following the sender (its thread only). */
    interface Host {
        /** For logs, e.g. {@code receiver r-1}. */
        String label();

        /** The chosen sender, or null. */
        SenderInfo target();

        /** The current registration (ICE servers), or null while the signaling connection is down. */
        Registered registered();

        /** True (after dropping the target and choosing again) when the target left the directory meanwhile. */
        boolean dropTargetIfGone();
    }

    private final Host host;
    private final EngineRenewal engines;
    private final PeerSettings settings;
    private final StreamOutput output;
    private final MediaFallback fallback;
    private final SessionTimings timings;
    private final SessionState state;
    private final SessionLoop loop;
    private final Function<Message, CompletableFuture<Void>> signaling;
    private final Backoff backoff;
    private final AtomicLong retries = new AtomicLong();

    private WebRtcAttempt attempt;
    private long generation;
    private long renewalCheckOf = -1; // the generation whose engine-renewal check runs
    private volatile String streamingFrom;

    OfferAttempts(Host host, EngineRenewal engines, PeerSettings settings, StreamOutput output, MediaFallback fallback,
                  SessionTimings timings, SessionState state, SessionLoop loop,
                  Function<Message, CompletableFuture<Void>> signaling) {
        this.host = host;
        this.engines = engines;
        this.settings = settings;
        this.output = output;
        this.fallback = fallback;
        this.timings = timings;
        this.state = state;
        this.loop = loop;
        this.signaling = signaling;
        this.backoff = new Backoff(timings.firstRetry(), timings.maxRetry(), SignalingDefaults.RETRY_JITTER,
                new Random());
    }

    /** Runs {@code r} after {@code delay} unless the current attempt has ended by then. */
    void later(Duration delay, Runnable r) {
        long gen = generation;
        loop.later(delay, () -> generation, gen, r);
    }

    /** Id of the sender whose WebRTC frames arrive now, or null. */
    String streamingFrom() {
        return streamingFrom;
    }

    /** The connected sender got a new id (a server restart); its frames keep arriving. */
    void streamingAs(String senderId) {
        streamingFrom = senderId;
    }

    /** Times a failed, timed-out or hung-up session made the receiver ask its sender again. */
    long retryCount() {
        return retries.get();
    }

    /** True while an attempt exists (connecting or connected). */
    boolean active() {
        return attempt != null;
    }

    /** True while the current attempt is connected. */
    boolean connected() {
        return attempt != null && attempt.state() == RTCPeerConnectionState.CONNECTED;
    }

    /** A newly chosen sender: asks for an offer with a fresh backoff. */
    void start() {
        backoff.reset();
        requestOffer();
    }

    void candidate(Candidate c) {
        if (attempt != null && attempt.owns(c.senderId(), c.sessionId())) {
            attempt.addRemoteCandidate(c.candidate());
        }
    }

    void hangup(Hangup h) {
        if (attempt != null && attempt.owns(h.senderId(), h.sessionId())) {
            endPeer(); // the sender's side is gone already: no hangup back
            retry("sender " + host.target().senderId() + " hung up");
        }
    }

    private void requestOffer() {
        endPeer();
        SenderInfo target = host.target();
        String label = host.label();
        String id = target.senderId();
        if (fallback.active()) {
            state.set(label, Phase.FALLBACK, "publishing from the MJPEG fallback; trying WebRTC with sender " + id
                    + " again");
        } else {
            state.set(label, Phase.REQUESTING_OFFER, "requesting an offer from sender "
                    + SenderSelector.shortName(target) + " " + ReceiverSession.names(target.streams()));
        }
        signaling.apply(RequestOffer.toSender(id, LosslessDepth.requested(target.streams()))).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.debug("{}: request_offer not sent: {}", label, e.toString());
            }
        });
        later(timings.offerTimeout(), () -> retry("no offer from sender " + id + " within "
                + timings.offerTimeout().toSeconds() + " s"));
    }

    void offer(Offer o) {
        SenderInfo target = host.target();
        if (target == null || !target.senderId().equals(o.senderId())) {
            LOG.debug("{}: ignoring an offer from {}", host.label(), o.senderId());
            return;
        }
        endPeer();
        long gen = generation;
        String id = o.senderId();
        PeerListener listener = new PeerListener() {
            @Override
            public void onConnectionStateChange(RTCPeerConnectionState s) {
                loop.post(() -> {
                    if (gen == generation) {
                        peerState(s);
                    }
                });
            }
        };
        attempt = new WebRtcAttempt(engines.current(), host.registered().iceServers(), settings, o, listener, output);
        state.set(host.label(), Phase.CONNECTING_PEER, "answering the offer of sender " + id);
        String session = attempt.sessionId();
        attempt.answer(target.streams()).whenComplete((answer, e) -> loop.post(() -> {
            if (gen != generation) {
                return;
            }
            if (e != null) {
                retry("cannot answer the offer of sender " + id + ": " + e.getMessage());
                return;
            }
            signaling.apply(Answer.toSender(id, answer, session));
        }));
        later(timings.connectTimeout(), () -> {
            if (!connected()) {
                retry("WebRTC did not connect to sender " + id + " within " + timings.connectTimeout().toSeconds() + " s");
            }
        });
    }

    private void peerState(RTCPeerConnectionState s) {
        SenderInfo target = host.target();
        String id = target == null ? "?" : target.senderId();
        if (s == RTCPeerConnectionState.CONNECTED) {
            backoff.reset();
            fallback.stop();
            streamingFrom = id;
            state.set(host.label(), Phase.STREAMING, "receiving sender " + id
                    + " over WebRTC and publishing to ROS 2");
            if (renewalCheckOf != generation) { // once per attempt, however often it reconnects
                renewalCheckOf = generation;
                later(EngineRenewal.CHECK_INTERVAL, this::renewEngineWhenDue);
            }
        } else if (s == RTCPeerConnectionState.FAILED) {
            retry("WebRTC connection to sender " + id + " failed");
        } else if (s == RTCPeerConnectionState.DISCONNECTED) {
            later(timings.disconnectedGrace(), () -> {
                if (attempt != null && attempt.state() == RTCPeerConnectionState.DISCONNECTED) {
                    retry("WebRTC connection to sender " + id + " stayed disconnected");
                }
            });
        } else {
            LOG.debug("{}: peer {} is {}", host.label(), id, s);
        }
    }

    /** While connected: asks again on a new engine once the current one holds its bound of messages. */
    private void renewEngineWhenDue() {
        if (!engines.due()) {
            later(EngineRenewal.CHECK_INTERVAL, this::renewEngineWhenDue);
            return;
        }
        LOG.info("{}: renewing the WebRTC engine after {} data-channel messages (webrtc-java holds each until its "
                + "engine closes); asking sender {} again", host.label(), engines.messagesHeld(),
                attempt == null ? "?" : attempt.senderId());
        hangUp();
        engines.renew();
        if (host.target() != null) {
            requestOffer();
        }
    }

    /** Ends the current attempt and asks again after the backoff; publishes from the fallback meanwhile. */
    void retry(String why) {
        hangUp();
        SenderInfo target = host.target();
        if (target == null || host.dropTargetIfGone()) {
            return;
        }
        retries.incrementAndGet();
        Duration delay = fallback.active() ? timings.webrtcRetryOnFallback() : backoff.next();
        later(delay, () -> { // scheduled first: nothing below may stop the retries
            if (host.target() != null) {
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
            state.warn(host.label(), Phase.FALLBACK, why + "; publishing from the MJPEG URLs of sender "
                    + SenderSelector.shortName(target) + ", WebRTC again in " + delay.toSeconds() + " s");
        } else {
            state.warn(host.label(), Phase.REQUESTING_OFFER, why + (fallbackProblem == null ? ""
                    : "; no MJPEG fallback: " + fallbackProblem) + "; asking again");
        }
    }

    /** Sends a hangup for the current attempt, if any, and ends it. */
    void hangUp() {
        if (attempt != null) {
            signaling.apply(Hangup.toSender(attempt.senderId(), attempt.sessionId()));
        }
        endPeer();
    }

    /** Ends the current attempt (no hangup) and every timer of it. */
    void endPeer() {
        generation++;
        streamingFrom = null;
        if (attempt != null) {
            WebRtcAttempt a = attempt;
            attempt = null;
            a.close();
        }
    }
}
