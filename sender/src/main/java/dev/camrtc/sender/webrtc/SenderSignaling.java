package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.ReconnectingSignalingClient;
import dev.camrtc.protocol.client.SignalingException;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's signaling side: registers (and re-registers after every reconnect), announces the
 * streams and {@code mjpeg_url}, and dispatches each message to {@link OfferSessions} or the
 * {@link ControlService}. All handling runs on one thread, {@code sender-sessions}, in arrival order.
 */
public final class SenderSignaling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SenderSignaling.class);

    /** What the sender announces (PROTOCOL.md 3.2); {@code name} and {@code mjpegUrl} may be null. */
    public record Announcement(String name, List<StreamDescription> streams, String mjpegUrl) {
    }

    private final SessionTimings timings = SessionTimings.defaults();
    private final ScheduledExecutorService serial;
    private final OfferSessions sessions;
    private final ControlService controls;
    private final Announcement announcement;
    private final String fallbackLabel;
    private volatile String senderId;
    private volatile ReconnectingSignalingClient client;
    private volatile boolean closed;

    private SenderSignaling(RtcEngine engine, WebRtcStreams streams, PeerSettings settings, SessionLimits limits,
                            SessionSlots slots, CameraControls cameraControls, Announcement announcement) {
        this.announcement = announcement;
        this.fallbackLabel = announcement.name() == null ? "sender" : announcement.name();
        this.serial = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sender-sessions");
            t.setDaemon(true);
            return t;
        });
        this.sessions = new OfferSessions(engine, streams, settings, limits, slots, timings, this::send, serial, this::label);
        this.controls = new ControlService(cameraControls, this::label);
    }

    /**
     * Starts connecting (in the background; an unreachable server is retried with backoff and logged once).
     */
    /** @param slots {@code --max-sessions}, shared with the sender's other sessions (WHEP) */
    public static SenderSignaling start(SignalingOptions options, RtcEngine engine, WebRtcStreams streams,
                                        PeerSettings settings, SessionLimits limits, SessionSlots slots,
                                        CameraControls cameraControls, Announcement announcement) {
        SenderSignaling s = new SenderSignaling(engine, streams, settings, limits, slots, cameraControls,
                announcement);
        s.client = ReconnectingSignalingClient.start(options, s.new Events());
        return s;
    }

    /** This sender's id on the current connection, or null before the first registration. */
    public String senderId() {
        return senderId;
    }

    /** True while registered with the signaling server. */
    public boolean isConnected() {
        ReconnectingSignalingClient c = client;
        return c != null && c.isConnected();
    }

    /** Open sessions, orphans included (for tests and diagnostics). */
    public int sessionCount() {
        return sessions.sessions().size();
    }

    /** Open sessions with the sender's own peer connection (orphans included; not those through the relay). */
    public int directSessionCount() {
        return (int) sessions.sessions().sessions().stream().filter(s -> s.peer() instanceof DirectPeer).count();
    }


    /** Ids of the receivers with a current session (for tests and diagnostics). */
    public List<String> receivers() {
        return sessions.sessions().sessions().stream().map(SessionTable.Session::receiverId).toList();
    }

    /** One open session's peer connection, for the stats poller. */
    public record OpenSession(String sessionId, String receiverId, OfferingPeer peer) {
    }

    /** The sender's own peer connection of every open session (orphans included; relayed ones have none). Any thread. */
    public List<OpenSession> sessionPeers() {
        return sessions.sessions().sessions().stream().filter(s -> s.peer().offeringPeer().isPresent())
                .map(s -> new OpenSession(s.sessionId(), s.receiverId(), s.peer().offeringPeer().get())).toList();
    }

    /** Serves receivers through {@code relay} (an SFU) as its {@link Relay#after()} and availability allow. */
    public void relayThrough(Relay relay) {
        sessions.relayThrough(relay);
    }

    /** Ids of the receivers whose current session goes through the relay (for tests and diagnostics). */
    public List<String> relayedReceivers() {
        return sessions.sessions().sessions().stream().filter(s -> s.peer() instanceof RelayedPeer)
                .map(SessionTable.Session::receiverId).toList();
    }

    /**
     * Hangs up every session (telling receivers while connected), closes the peers, then the signaling
     * connection. The engine and the streams stay open: their owner closes them afterwards.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                try {
                    sessions.closeAll(isConnected());
                } finally {
                    done.complete(null);
                }
            });
            done.get(timings.offerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("{}: closing sessions at shutdown: {}", label(), e.toString());
        }
        ReconnectingSignalingClient c = client;
        if (c != null) {
            c.close();
        }
        serial.shutdownNow();
        try {
            serial.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String label() {
        String id = senderId;
        return id == null ? fallbackLabel : fallbackLabel.equals("sender") ? id : fallbackLabel + "/" + id;
    }

    private void send(Message message) {
        ReconnectingSignalingClient c = client;
        if (c == null) {
            return;
        }
        c.send(message).exceptionally(e -> {
            LOG.info("{}: {} not sent: {}", label(), message.type(), e.getMessage());
            return null;
        });
    }

    private void connected(Registered registered) {
        senderId = registered.senderId();
        sessions.connected(registered.iceServers());
        send(new Announce(announcement.name(), announcement.streams(), announcement.mjpegUrl()));
        LOG.info("{}: announced streams {}{}", label(),
                announcement.streams().stream().map(StreamDescription::name).toList(),
                announcement.mjpegUrl() == null ? "" : " and MJPEG at " + announcement.mjpegUrl());
    }

    private void dispatch(Message message) {
        if (message instanceof RequestOffer r) {
            sessions.requestOffer(r);
        } else if (message instanceof Answer a) {
            sessions.answer(a);
        } else if (message instanceof Candidate c) {
            sessions.candidate(c);
        } else if (message instanceof Hangup h) {
            sessions.hangup(h);
        } else if (message instanceof ReceiverLeft l) {
            sessions.receiverLeft(l);
        } else if (message instanceof Control c) {
            send(controls.answer(c));
        } else if (message instanceof ErrorMessage e) {
            LOG.info("{}: server reports {} for {}: {}", label(), e.code(), e.ref(), e.message());
        } else {
            LOG.debug("{}: {} ignored", label(), message.type());
        }
    }

    private void onSerial(Runnable task) {
        try {
            serial.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: signaling message handling failed", label(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{}: message after shutdown dropped", label());
        }
    }

    private final class Events implements ReconnectingSignalingClient.Listener {
        @Override
        public void onConnected(Registered registered) {
            onSerial(() -> connected(registered));
        }

        @Override
        public void onMessage(Message message) {
            onSerial(() -> dispatch(message));
        }

        @Override
        public void onDisconnected(String reason) {
            onSerial(() -> {
                sessions.disconnected();
                LOG.info("{}: established sessions keep streaming while signaling reconnects", label());
            });
        }

        @Override
        public void onConnectFailed(SignalingException cause) {
            // the client logs each new reason once; nothing else to do
        }
    }
}
