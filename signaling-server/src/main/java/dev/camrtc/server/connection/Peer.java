package dev.camrtc.server.connection;

import dev.camrtc.protocol.Role;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
    /**
     * Messages waiting for one peer beyond this count also mean it does not read (the byte bound is the
     * main one; this keeps many tiny messages from costing more in bookkeeping than in bytes).
     */
    static final int MAX_QUEUED_MESSAGES = 16_384;
    /** {@code announce} messages per second accepted from one sender, sustained... */
    public static final int ANNOUNCE_RATE = 1;
    /** ...with bursts of this many; beyond that an announce is dropped with {@code rate_limited} (ref announce). */
    public static final int ANNOUNCE_BURST = 5;
    /** Room in Jetty's own frame queue above ours, for pings and the close frame. */
    private static final int JETTY_FRAME_SLACK = 64;

    private final String id;
    private final Role role;
    private final String sessionKey;
    private final Session session;
    private final RateLimiter rateLimiter;
    private final RateLimiter announceLimiter;
    private final String accessKey;
    private final Set<String> askedSenders = ConcurrentHashMap.newKeySet();
    private final Set<String> controlledSenders = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final long maxQueuedBytes;
    private final Consumer<Peer> onOverflow;
    private volatile long lastActivityNanos;
    private volatile long framesSeen;

    /**
     * @param accessKey      the key of the connection's token ({@code AccessGuard}); null on an open server
     * @param maxQueuedBytes bytes of messages waiting to be written beyond which the peer counts as not reading
     * @param onOverflow     called once when it first does: closes it (1008) and frees what it holds
     */
    public Peer(String id, Role role, String sessionKey, Session session, RateLimiter rateLimiter, String accessKey,
                long maxQueuedBytes, Consumer<Peer> onOverflow, long nowNanos) {
        this.id = id;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onOverflow = onOverflow;
        this.accessKey = accessKey;
        this.role = role;
        this.sessionKey = sessionKey;
        this.session = session;
        this.rateLimiter = rateLimiter;
        this.announceLimiter = role == Role.SENDER
                ? new RateLimiter(ANNOUNCE_RATE, ANNOUNCE_BURST, nowNanos) : null;
        this.lastActivityNanos = nowNanos;
        this.framesSeen = FrameActivity.framesIn(session);
        if (session != null && session.getRemote() instanceof org.eclipse.jetty.websocket.common.JettyWebSocketRemoteEndpoint remote) {
            remote.setMaxOutgoingFrames(MAX_QUEUED_MESSAGES + JETTY_FRAME_SLACK);
        }
    }

    public String id() { return id; }

    public Role role() { return role; }

    /** Javalin's id of the underlying session. */
    public String sessionKey() { return sessionKey; }

    public RateLimiter rateLimiter() { return rateLimiter; }

    /** A sender's own limit for {@code announce} (each one goes to every receiver); null for a receiver. */
    public RateLimiter announceLimiter() { return announceLimiter; }

    /** The key of the token this connection presented, to look up its permissions as they are now. */
    public String accessKey() { return accessKey; }

    /** Sender ids this receiver sent a {@code request_offer} to during this connection. */
    public Set<String> askedSenders() { return askedSenders; }

    /**
     * Sender ids this receiver sent a {@code control} to during this connection: only they may send it a
     * {@code control_result} (PROTOCOL.md 3.3). Bounded like {@link #askedSenders()}: only live senders are
     * added, and a sender's id is removed from every receiver when it leaves.
     */
    public Set<String> controlledSenders() { return controlledSenders; }

    /**
     * Sends one text message without blocking; {@code done} (may be null) learns the outcome. A message that
     * would take the bytes waiting for this peer over the bound is not queued: the peer does not read, and
     * {@code onOverflow} closes it (once); later messages fail at once.
     */
    public void send(String text, WriteCallback done) {
        WriteCallback callback = done == null ? WriteCallback.NOOP : done;
        if (session == null || !session.isOpen() || overflowed.get()) {
            callback.writeFailed(new java.nio.channels.ClosedChannelException());
            return;
        }
        long bytes = utf8Length(text);
        long nowBytes = queuedBytes.addAndGet(bytes);
        int nowMessages = queuedMessages.incrementAndGet();
        if (nowBytes > maxQueuedBytes || nowMessages > MAX_QUEUED_MESSAGES) {
            dequeued(bytes);
            if (overflowed.compareAndSet(false, true)) {
                onOverflow.accept(this);
            }
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
                    dequeued(bytes);
                    callback.writeFailed(x);
                }

                @Override
                public void writeSuccess() {
                    dequeued(bytes);
                    callback.writeSuccess();
                }
            });
        } catch (RuntimeException e) {
            dequeued(bytes);
            callback.writeFailed(e);
        }
    }

    public void send(String text) {
        send(text, null);
    }

    private void dequeued(long bytes) {
        queuedBytes.addAndGet(-bytes);
        queuedMessages.decrementAndGet();
    }

    /** Bytes of messages accepted for this peer and not yet written to its socket. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    static long utf8Length(String text) {
        long n = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a surrogate pair is 4 bytes for 2 chars
            }
        }
        return n;
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
