package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.Message;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a session ends on its own: the events of its peer connection (connected, failed, disconnected for longer
 * than {@link SessionTimings#disconnectedGrace()}) and its trickled local candidates, and the one way
 * {@link OfferSessions} ends a session and tells its receiver ({@link #endAndHangUp}).
 *
 * <p>Threading: the engine calls the {@link PeerListener} of each peer on its own event thread; every event is
 * handed to {@code serial} (the sender's one signaling thread, {@code sender-sessions}) and handled there, in
 * order with the signaling messages. Everything else here runs on {@code serial} already.
 */
final class SessionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private final SessionTable<SessionPeer> sessions;
    private final SessionTimings timings;
    private final Consumer<Message> out;
    private final ScheduledExecutorService serial;
    private final Supplier<String> label;

    SessionEvents(SessionTable<SessionPeer> sessions, SessionTimings timings, Consumer<Message> out,
                  ScheduledExecutorService serial, Supplier<String> label) {
        this.sessions = sessions;
        this.timings = timings;
        this.out = out;
        this.serial = serial;
        this.label = label;
    }

    /** The listener for the peer of one session. */
    PeerListener listener(String receiver, String sessionId) {
        return new Events(receiver, sessionId);
    }

    /** Closes the session (one log line naming {@code why}) and tells its receiver, with {@code reason}. */
    void endAndHangUp(String receiver, String sessionId, String reason, String why) {
        boolean reachable = sessions.find(receiver, sessionId).isPresent();
        if (sessions.closeSession(sessionId, why) && reachable) {
            out.accept(Hangup.toReceiver(receiver, sessionId, reason));
        }
    }

    private void stateChanged(String receiver, String sessionId, RTCPeerConnectionState state) {
        var session = sessions.bySessionId(sessionId);
        if (session.isEmpty()) {
            return;
        }
        if (session.get().peer() instanceof RelayedPeer relayed) {
            relayed.stateChanged(state);
        }
        switch (state) {
            case CONNECTED -> LOG.info("{}: media flowing to {} (session {})", label.get(), receiver, sessionId);
            case FAILED -> {
                LOG.info("{}: connection to {} failed (session {})", label.get(), receiver, sessionId);
                endAndHangUp(receiver, sessionId, Hangup.FAILED, "connection failed");
            }
            case DISCONNECTED -> {
                LOG.info("{}: connection to {} interrupted (session {}); closing it after {} s unless it recovers",
                        label.get(), receiver, sessionId, timings.disconnectedGrace().toSeconds());
                serial.schedule(() -> disconnectedTooLong(receiver, sessionId),
                        timings.disconnectedGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
            default -> LOG.debug("{}: connection to {} is {}", label.get(), receiver, state);
        }
    }

    private void disconnectedTooLong(String receiver, String sessionId) {
        sessions.bySessionId(sessionId).ifPresent(s -> {
            if (s.peer().connectionState() == RTCPeerConnectionState.DISCONNECTED) {
                endAndHangUp(receiver, sessionId, Hangup.FAILED, "disconnected for " + timings.disconnectedGrace().toSeconds() + " s");
            }
        });
    }

    /** Runs {@code task} on {@code serial}; dropped (debug line) once the sender is shut down. */
    void onSerial(Runnable task) {
        try {
            serial.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{}: event after shutdown dropped", label.get());
        }
    }

    /** Peer events, from the engine's event thread, handed to {@code serial}. */
    private final class Events implements PeerListener {
        private final String receiver;
        private final String sessionId;

        Events(String receiver, String sessionId) {
            this.receiver = receiver;
            this.sessionId = sessionId;
        }

        @Override
        public void onConnectionStateChange(RTCPeerConnectionState state) {
            onSerial(() -> stateChanged(receiver, sessionId, state));
        }

        @Override
        public void onLocalCandidate(IceCandidate candidateOrNull) {
            onSerial(() -> sessions.bySessionId(sessionId).ifPresent(s -> s.peer().localCandidate(candidateOrNull)));
        }
    }
}
