package dev.camrtc.sender.webrtc;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's sessions (PROTOCOL.md 3.3): at most one current session per receiver; a new
 * {@code request_offer} replaces the receiver's old session, and messages carrying another session's
 * {@code session_id} are ignored. After the signaling connection is re-established, the old sessions
 * become <em>orphans</em>: their media keeps flowing, but no signaling message reaches them any more
 * (receiver ids belong to the old connection); they end when their peer fails or at shutdown.
 * This class is the one place that closes a session's peer. Thread-safe; peers are closed outside the lock.
 *
 * @param <P> the per-receiver peer
 */
public final class SessionTable<P extends AutoCloseable> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    /** One session with one receiver. */
    public record Session<P>(String receiverId, String sessionId, P peer) {
    }

    private final Map<String, Session<P>> current = new HashMap<>();
    private final Map<String, Session<P>> open = new LinkedHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final String prefix;
    private final Supplier<String> label;

    /** @param label this sender's id or name for log lines (it changes when signaling reconnects) */
    public SessionTable(Supplier<String> label) {
        this.label = label;
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        this.prefix = "ss-" + HexFormat.of().formatHex(random) + "-";
    }

    /** A new session id, unique in this process and unlikely to repeat across restarts. */
    public String newSessionId() {
        return prefix + counter.incrementAndGet();
    }

    /** Makes {@code peer} the receiver's current session; closes the session it replaces, if any. */
    public Session<P> put(String receiverId, String sessionId, P peer) {
        Session<P> session = new Session<>(receiverId, sessionId, peer);
        Session<P> old;
        synchronized (this) {
            old = current.put(receiverId, session);
            if (old != null) {
                open.remove(old.sessionId());
            }
            open.put(sessionId, session);
        }
        if (old != null) {
            LOG.info("{}: session {} of {} replaced by {}", label.get(), old.sessionId(), receiverId, sessionId);
            closePeer(old);
        }
        return session;
    }

    /**
     * The receiver's current session when {@code sessionId} is null (a peer that does not echo ids) or
     * names it; empty for an unknown receiver or another (replaced) session's id.
     */
    public synchronized Optional<Session<P>> find(String receiverId, String sessionId) {
        Session<P> s = current.get(receiverId);
        if (s == null || (sessionId != null && !sessionId.equals(s.sessionId()))) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** The open session (current or orphan) with this id. */
    public synchronized Optional<Session<P>> bySessionId(String sessionId) {
        return Optional.ofNullable(open.get(sessionId));
    }

    /** True while the session is open (current or orphan). */
    public synchronized boolean isOpen(String sessionId) {
        return open.containsKey(sessionId);
    }

    /** Ends the receiver's current session if {@code sessionId} is null or names it; true when one closed. */
    public boolean close(String receiverId, String sessionId, String reason) {
        Session<P> removed;
        synchronized (this) {
            Session<P> s = current.get(receiverId);
            if (s == null || (sessionId != null && !sessionId.equals(s.sessionId()))) {
                return false;
            }
            removed = current.remove(receiverId);
            open.remove(removed.sessionId());
        }
        LOG.info("{}: session {} of {} closed ({})", label.get(), removed.sessionId(), receiverId, reason);
        closePeer(removed);
        return true;
    }

    /** Ends a session by its id, current or orphan (its peer failed); true when one closed. */
    public boolean closeSession(String sessionId, String reason) {
        Session<P> removed;
        synchronized (this) {
            removed = open.remove(sessionId);
            if (removed == null) {
                return false;
            }
            current.remove(removed.receiverId(), removed);
        }
        LOG.info("{}: session {} of {} closed ({})", label.get(), sessionId, removed.receiverId(), reason);
        closePeer(removed);
        return true;
    }

    /** The signaling connection was re-established: every current session becomes an orphan. */
    public synchronized int orphanAll() {
        int n = current.size();
        current.clear();
        return n;
    }

    /** Closes every session (shutdown); returns the current (non-orphan) ones so their receivers can be told. */
    public List<Session<P>> closeAll(String reason) {
        List<Session<P>> all;
        List<Session<P>> reachable;
        synchronized (this) {
            all = new ArrayList<>(open.values());
            reachable = new ArrayList<>(current.values());
            open.clear();
            current.clear();
        }
        for (Session<P> s : all) {
            LOG.info("{}: session {} of {} closed ({})", label.get(), s.sessionId(), s.receiverId(), reason);
            closePeer(s);
        }
        return reachable;
    }

    /** Number of open sessions, orphans included. */
    public synchronized int size() {
        return open.size();
    }

    /** A snapshot of the open sessions, orphans included. */
    public synchronized List<Session<P>> sessions() {
        return List.copyOf(open.values());
    }

    private void closePeer(Session<? extends AutoCloseable> s) {
        try {
            s.peer().close();
        } catch (Exception e) {
            LOG.warn("{}: closing the peer of session {} of {} failed: {}", label.get(), s.sessionId(),
                    s.receiverId(), e.toString());
        }
    }
}
