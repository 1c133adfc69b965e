package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.ReconnectingSignalingClient;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.ros.session.SessionState.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's side of the signaling protocol: keeps the directory of {@link KnownSenders}, picks the sender
 * ({@link SenderSelector}) and follows it through the directory (updated, left, back with a new id); the
 * WebRTC session with it is {@link OfferAttempts}' job (request an offer, answer it, retry with backoff, the
 * {@link MediaFallback} meanwhile), which hands every frame to a {@link StreamOutput} with its header stamp
 * (the frame stamp's capture time when the frame carries one, else the receive time).
 *
 * <p>Recovery: a sender that leaves is waited for and asked again when it (or, when chosen by name or as the
 * only one, a sender of the same name) comes back; the signaling connection reconnects with backoff by
 * itself, and a connected WebRTC session survives its outage. Every change is logged once ({@link SessionState}).
 *
 * <p>All state lives on one thread ({@code ros-session}); signaling and peer callbacks are posted to it.
 */
public final class ReceiverSession implements AutoCloseable, OfferAttempts.Host {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverSession.class);

    /** The signaling server asked unless another is given ({@code --server}). */
    public static final String DEFAULT_SERVER = "ws://127.0.0.1:8080";

    private final KnownSenders directory;
    private final StreamOutput output;
    private final MediaFallback fallback;
    private final SessionTimings timings;
    private final Consumer<String> fatal;
    private final SessionState state = new SessionState();
    private final SessionLoop loop = new SessionLoop();
    private final OfferAttempts offers;
    private final EngineRenewal engines;
    private final ReconnectingSignalingClient signaling;

    // loop thread only
    private String label = "receiver";
    private Registered registered;
    private boolean settled;
    private SenderInfo target;

    /**
     * Connects in the background and returns at once.
     *
     * @param fatal called (once, on the session thread) when the receiver cannot go on: several senders
     *              fit and nothing chose between them; the message lists them
     */
    public ReceiverSession(SignalingOptions signalingOptions, EngineRenewal engines, PeerSettings settings,
                           SenderChoice choice, StreamOutput output, MediaFallback fallback,
                           SessionTimings timings, Consumer<String> fatal) {
        this.directory = new KnownSenders(choice);
        this.engines = Objects.requireNonNull(engines, "engines");
        this.output = Objects.requireNonNull(output, "output");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.fatal = Objects.requireNonNull(fatal, "fatal");
        this.offers = new OfferAttempts(this, engines,
                Objects.requireNonNull(settings, "settings"), output, fallback, timings, state, loop, this::send);
        this.signaling = ReconnectingSignalingClient.start(signalingOptions, new ReconnectingSignalingClient.Listener() {
            @Override
            public void onConnected(Registered r) {
                loop.post(() -> connected(r));
            }

            @Override
            public void onMessage(Message m) {
                loop.post(() -> message(m));
            }

            @Override
            public void onDisconnected(String reason) {
                loop.post(() -> disconnected(reason));
            }
        });
    }

    /** What the session is doing now. */
    public Phase phase() {
        return state.phase();
    }

    /** Id of the sender whose WebRTC frames arrive now, or null. */
    public String streamingFrom() {
        return offers.streamingFrom();
    }

    /** Times a failed, timed-out or hung-up WebRTC session made the receiver ask its sender again. */
    public long retryCount() {
        return offers.retryCount();
    }

    /** Times the WebRTC engine was renewed to free what webrtc-java holds ({@link EngineRenewal}). */
    public long engineRenewals() {
        return engines.renewals();
    }

    private CompletableFuture<Void> send(Message m) {
        return signaling.send(m);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public SenderInfo target() {
        return target;
    }

    @Override
    public Registered registered() {
        return registered;
    }

    @Override
    public boolean dropTargetIfGone() {
        if (registered != null && settled && !directory.contains(target.senderId())) {
            target = null; // gone while the signaling connection was down
            choose();
            return true;
        }
        return false;
    }

    private void connected(Registered r) {
        registered = r;
        label = "receiver " + r.receiverId();
        directory.clear();
        if (alive()) { // media is peer to peer: a session survives a signaling outage
            state.set(label, Phase.STREAMING, "registered again; the WebRTC session with sender "
                    + target.senderId() + " continues");
        } else {
            offers.endPeer();
            target = null;
            state.set(label, Phase.WAITING_FOR_SENDER, "registered; waiting for the sender directory");
        }
        settled = !directory.needsWholeDirectory(); // by id or name: take it as soon as it is announced
        offers.later(timings.directorySettle(), () -> { // then decide (or say what is awaited) on the whole directory
            settled = true;
            choose();
        });
    }

    private boolean alive() {
        return target != null && offers.connected();
    }

    private void disconnected(String reason) { // the signaling client logs the reason itself
        registered = null;
        if (alive()) {
            state.set(label, Phase.STREAMING, "signaling connection lost; the WebRTC session with sender "
                    + target.senderId() + " continues");
            return;
        }
        boolean hadSession = offers.active();
        offers.endPeer();
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
            offers.offer(o);
        } else if (m instanceof Candidate c) {
            offers.candidate(c);
        } else if (m instanceof Hangup h) {
            offers.hangup(h);
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
                offers.streamingAs(s.senderId());
            }
            output.announce(label, s.streams());
            return;
        }
        if (target != null && target.senderId().equals(s.senderId())) {
            target = s;
            output.announce(label, s.streams());
            if (before != null && !names(before.streams()).equals(names(s.streams()))) {
                offers.retry("sender " + s.senderId() + " announced other streams " + names(s.streams()));
            }
            return;
        }
        choose();
    }

    private void senderLeft(String id) {
        directory.remove(id);
        if (target != null && target.senderId().equals(id)) {
            offers.endPeer();
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
        offers.start();
    }

    static List<String> names(List<StreamDescription> streams) {
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
                offers.hangUp();
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
