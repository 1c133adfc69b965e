package dev.camrtc.sender.webrtc;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's sessions, at most one per receiver (PROTOCOL.md 3.3): a new {@code request_offer} replaces
 * the receiver's old session, and messages that carry another session's {@code session_id} are ignored.
 * This class is the one place that closes a session's peer. Thread-safe; peers are closed outside the lock.
 *
 * @param <P> the per-receiver peer (an {@code OfferingPeer})
 */
public final class ReceiverSessions<P extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverSessions.class);

    /** One receiver's current session. */
    public record Session<P>(String receiverId, String sessionId, P peer) {
    }

    private final Map<String, Session<P>> byReceiver = new HashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final String prefix;
    private final String senderLabel;

    /** @param senderLabel this sender's id or name, for the log lines */
    public ReceiverSessions(String senderLabel) {
        this.senderLabel = senderLabel;
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        this.prefix = "ss-" + HexFormat.of().formatHex(random) + "-";
    }

    /** A new session id, unique for this process and unlikely to repeat across restarts. */
    public String newSessionId() {
        return prefix + counter.incrementAndGet();
    }

    /** Makes {@code peer} the receiver's current session; closes the session it replaces, if any. */
    public Session<P> put(String receiverId, String sessionId, P peer) {
        Session<P> session = new Session<>(receiverId, sessionId, peer);
        Session<P> old;
        synchronized (this) {
            old = byReceiver.put(receiverId, session);
        }
        if (old != null) {
            LOG.info("{}: session {} of {} replaced by {}", senderLabel, old.sessionId(), receiverId, sessionId);
            closePeer(old);
        }
        return session;
    }

    /**
     * The receiver's current session when {@code sessionId} is null (a peer that does not echo ids) or
     * names it; empty for an unknown receiver or another (replaced) session's id.
     */
    public synchronized Optional<Session<P>> find(String receiverId, String sessionId) {
        Session<P> s = byReceiver.get(receiverId);
        if (s == null || (sessionId != null && !sessionId.equals(s.sessionId()))) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Ends the receiver's session if {@code sessionId} is null or names it; true when one was closed. */
    public boolean close(String receiverId, String sessionId, String reason) {
        Session<P> removed;
        synchronized (this) {
            Session<P> s = byReceiver.get(receiverId);
            if (s == null || (sessionId != null && !sessionId.equals(s.sessionId()))) {
                return false;
            }
            removed = byReceiver.remove(receiverId);
        }
        LOG.info("{}: session {} of {} closed ({})", senderLabel, removed.sessionId(), receiverId, reason);
        closePeer(removed);
        return true;
    }

    /** Closes every session (shutdown); returns them so the caller can tell their receivers. */
    public List<Session<P>> closeAll(String reason) {
        List<Session<P>> all;
        synchronized (this) {
            all = new ArrayList<>(byReceiver.values());
            byReceiver.clear();
        }
        for (Session<P> s : all) {
            LOG.info("{}: session {} of {} closed ({})", senderLabel, s.sessionId(), s.receiverId(), reason);
            closePeer(s);
        }
        return all;
    }

    /** Number of open sessions. */
    public synchronized int size() {
        return byReceiver.size();
    }

    /** A snapshot of the open sessions. */
    public synchronized List<Session<P>> sessions() {
        return List.copyOf(byReceiver.values());
    }

    private void closePeer(Session<P> s) {
        try {
            s.peer().close();
        } catch (Exception e) {
            LOG.warn("{}: closing the peer of session {} of {} failed: {}", senderLabel, s.sessionId(),
                    s.receiverId(), e.toString());
        }
    }
}
