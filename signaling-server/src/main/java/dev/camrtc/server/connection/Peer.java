package dev.camrtc.server.connection;

import dev.camrtc.protocol.Role;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket connection: its id and role, its socket, its rate limiter, its activity clock and,
 * for a receiver, the senders it holds sessions with (PROTOCOL.md 3.3, 3.5). Everything the server holds for a
 * connection hangs off this object, so removing it from the {@link ConnectionRegistry} frees it all.
 */
public final class Peer {

    private static final Logger LOG = LoggerFactory.getLogger(Peer.class);
    /** Frames queued to a peer beyond this mean it does not read: it is disconnected rather than let memory grow. */
    static final int MAX_QUEUED_FRAMES = 1024;

    private final String id;
    private final Role role;
    private final String sessionKey;
    private final Session session;
    private final RateLimiter rateLimiter;
    private final Set<String> askedSenders = ConcurrentHashMap.newKeySet();
    private final Set<String> controlledSenders = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastActivityNanos;
    private volatile long framesSeen;

    public Peer(String id, Role role, String sessionKey, Session session, RateLimiter rateLimiter, long nowNanos) {
        this.id = id;
        this.role = role;
        this.sessionKey = sessionKey;
        this.session = session;
        this.rateLimiter = rateLimiter;
        this.lastActivityNanos = nowNanos;
        this.framesSeen = FrameActivity.framesIn(session);
        if (session != null && session.getRemote() instanceof org.eclipse.jetty.websocket.common.JettyWebSocketRemoteEndpoint remote) {
            remote.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
        }
    }

    public String id() { return id; }

    public Role role() { return role; }

    /** Javalin's id of the underlying session. */
    public String sessionKey() { return sessionKey; }

    public RateLimiter rateLimiter() { return rateLimiter; }

    /** Sender ids this receiver sent a {@code request_offer} to during this connection. */
    public Set<String> askedSenders() { return askedSenders; }

    /**
     * Sender ids this receiver sent a {@code control} to during this connection: only they may send it a
     * {@code control_result} (PROTOCOL.md 3.3). Bounded like {@link #askedSenders()}: only live senders are
     * added, and a sender's id is removed from every receiver when it leaves.
     */
    public Set<String> controlledSenders() { return controlledSenders; }

    /** Sends one text message without blocking; {@code done} (may be null) learns the outcome. */
    public void send(String text, WriteCallback done) {
        WriteCallback callback = done == null ? WriteCallback.NOOP : done;
        if (session == null || !session.isOpen()) {
            callback.writeFailed(new java.nio.channels.ClosedChannelException());
            return;
        }
        // No lock of ours around Jetty's send: Jetty 11 serialises concurrent async sends itself, and
        // when a write fails it closes the connection and runs our close handler ON THIS THREAD; holding a
        // peer lock there while another thread holds the directory lock and sends to this peer deadlocked.
        try {
            session.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeFailed(Throwable x) {
                    if (x instanceof java.nio.channels.WritePendingException && session.isOpen()) {
                        // a close frame would wait behind the full queue: drop the connection instead
                        LOG.warn("{} does not read its messages ({} queued); disconnecting it", id, MAX_QUEUED_FRAMES);
                        disconnect();
                    }
                    callback.writeFailed(x);
                }

                @Override
                public void writeSuccess() {
                    callback.writeSuccess();
                }
            });
        } catch (RuntimeException e) {
            callback.writeFailed(e);
        }
    }

    public void send(String text) {
        send(text, null);
    }

    /** Sends a ping frame (PROTOCOL.md 1); failures are left to the idle rule. */
    public void ping() {
        if (session != null && session.isOpen()) {
            try {
                session.getRemote().sendPing(ByteBuffer.allocate(0), WriteCallback.NOOP);
            } catch (RuntimeException e) {
                LOG.debug("ping to {} failed: {}", id, e.toString());
            }
        }
    }

    /** Starts the close handshake with {@code code}; harmless when already closed. */
    public void close(int code, String reason) {
        if (session != null && session.isOpen()) {
            try {
                session.close(code, reason);
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed: {}", id, e.toString());
            }
        }
    }

    /** Drops the TCP connection without a handshake (after a close frame went unanswered). */
    public void disconnect() {
        if (session != null && session.isOpen()) {
            try {
                session.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("disconnecting {} failed: {}", id, e.toString());
            }
        }
    }

    public boolean isOpen() {
        return session != null && session.isOpen();
    }

    /** Records activity now (a message arrived). */
    public void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    /**
     * Folds Jetty's frame count into the activity clock, then says how long the peer has been silent.
     */
    long silentNanos(long nowNanos) {
        long frames = FrameActivity.framesIn(session);
        if (frames >= 0 && frames != framesSeen) {
            framesSeen = frames;
            lastActivityNanos = nowNanos;
        }
        return nowNanos - lastActivityNanos;
    }

    /** True exactly once: for whoever first ends this connection's state (close, error or idle drop). */
    public boolean markEnded() {
        return ended.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return id;
    }
}
