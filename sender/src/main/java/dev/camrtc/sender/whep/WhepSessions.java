package dev.camrtc.sender.whep;

import dev.camrtc.media.rtc.AnsweringSender;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.program.Errors;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.sender.webrtc.SessionTimings;
import dev.camrtc.sender.webrtc.SessionLimits;
import dev.camrtc.sender.webrtc.SessionSlots;
import dev.camrtc.sender.webrtc.WebRtcStreams;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's WHEP sessions (PROTOCOL.md 5): one {@link AnsweringSender} per player, counted with the
 * signaling sessions against {@code --max-sessions}. A session ends on {@code DELETE}, when its peer fails,
 * stays disconnected for {@link SessionTimings#DEFAULT_DISCONNECTED_GRACE}, is not connected within
 * {@code --answer-timeout} of its answer, sends more candidates than {@link PeerSettings} allows, or at
 * shutdown. Thread-safe (HTTP threads); peers are closed outside the lock.
 */
public final class WhepSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WhepSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String label;
    private final RtcEngine engine;
    private final WebRtcStreams streams;
    private final PeerSettings settings;
    private final SessionLimits limits;
    private final SessionSlots slots;
    private final ScheduledExecutorService timers;
    private final Map<String, WhepSession> open = new LinkedHashMap<>();
    private int pending; // sessions being set up, guarded by this
    private boolean closed;

    /**
     * @param settings codec and bitrates of the signaling sessions; WHEP answers never trickle
     * @param slots    {@code --max-sessions}, shared with the signaling sessions
     */
    public WhepSessions(String label, RtcEngine engine, WebRtcStreams streams, PeerSettings settings,
                        SessionLimits limits, SessionSlots slots) {
        this.label = label;
        this.engine = engine;
        this.streams = streams;
        this.settings = settings.withTrickle(false);
        this.limits = limits;
        this.slots = slots;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "whep-timers-" + label);
            t.setDaemon(true);
            return t;
        });
    }

    /** Open WHEP sessions, those being set up included. */
    public synchronized int size() {
        return open.size() + pending;
    }

    /** Names of the streams a player may ask for, in announced order (the default set). */
    List<String> sendable() {
        return streams.sendable();
    }

    /**
     * Answers a player's offer with {@code wanted} (the first one on the offer's first video m-line...; the
     * offer's video m-lines decide how many of them are sent). Blocks until the answer holds every candidate.
     *
     * @throws WhepException 503 when {@code --max-sessions} are open, 400 for an offer libwebrtc refuses
     */
    Created create(String offerSdp, SdpFacts facts, List<String> wanted) {
        List<String> names = List.copyOf(wanted.subList(0, Math.min(wanted.size(), facts.videoMLines())));
        String id;
        SessionSlots.Slot slot;
        synchronized (this) {
            if (closed) {
                throw new WhepException(503, "the sender is shutting down");
            }
            slot = slots.take().orElse(null);
            if (slot == null) {
                LOG.warn("{}: WHEP session refused: {} sessions open (--max-sessions {})", label, slots.taken(),
                        slots.max());
                throw new WhepException(503, "busy: " + slots.max() + " sessions are open (--max-sessions)");
            }
            pending++;
            id = randomHex(16);
        }
        WhepSession session = null;
        try {
            var sources = streams.acquire(names);
            AnsweringSender peer;
            try {
                peer = engine.createAnsweringSender("whep-" + id.substring(0, 8), List.of(), settings, new Events(id));
            } catch (RuntimeException e) {
                streams.release(names);
                throw e;
            }
            session = new WhepSession(id, randomHex(8), facts.iceUfrag(), names, peer, streams, slot);
            SessionDescription answer = peer.answer(SessionDescription.offer(offerSdp), sources)
                    .get(SessionTimings.DEFAULT_OFFER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (this) {
                if (closed) {
                    throw new WhepException(503, "the sender is shutting down");
                }
                open.put(id, session);
            }
            timers.schedule(() -> neverConnected(id), limits.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("{}: WHEP session {} answered: sending {}", label, id, names);
            return new Created(session, answer.sdp());
        } catch (ExecutionException e) {
            close(session);
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause.getCause() instanceof IllegalArgumentException) {
                throw new WhepException(400, "offer refused: " + Errors.rootMessage(cause));
            }
            LOG.warn("{}: WHEP answer failed: {}", label, Errors.rootMessage(cause));
            throw new WhepException(500, "answer failed: " + Errors.rootMessage(cause));
        } catch (TimeoutException e) {
            close(session);
            throw new WhepException(503, "no answer within " + SessionTimings.DEFAULT_OFFER_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            close(session);
            Thread.currentThread().interrupt();
            throw new WhepException(503, "interrupted");
        } catch (RuntimeException e) {
            close(session);
            throw e;
        } finally {
            if (session == null) {
                slot.close(); // a session gives its slot back when it closes
            }
            synchronized (this) {
                pending--;
            }
        }
    }

    /** The answer to a new session. */
    record Created(WhepSession session, String answerSdp) {
    }

    /**
     * Trickled candidates of a player (RFC 8840 fragment).
     *
     * @throws WhepException 404 unknown session, 412 If-Match mismatch, 422 ICE restart (not supported),
     *                       400 over the candidate caps (the session is ended)
     */
    void trickle(String id, String ifMatch, SdpFacts fragment) {
        WhepSession s = find(id);
        if (ifMatch != null && !ifMatch.trim().equals("*") && !ifMatch.trim().equals(quoted(s.etag()))) {
            throw new WhepException(412, "If-Match does not match the session's ETag " + quoted(s.etag()));
        }
        if (fragment.iceUfrag() != null && s.ufrag() != null && !fragment.iceUfrag().equals(s.ufrag())) {
            throw new WhepException(422, "ICE restart is not supported: start a new session (DELETE, then POST)");
        }
        for (IceCandidate c : fragment.candidates()) {
            if (!s.peer().addRemoteCandidate(c)) {
                end(id, "too many remote candidates");
                throw new WhepException(400, "too many candidates (limit " + PeerSettings.MAX_REMOTE_CANDIDATES
                        + " or " + PeerSettings.MAX_REMOTE_CANDIDATE_BYTES / 1024 + " KiB); session ended");
            }
        }
    }

    /** DELETE: ends the session; 404 when unknown. */
    void delete(String id) {
        if (!end(id, "DELETE by the player")) {
            throw new WhepException(404, "no such WHEP session: " + id);
        }
    }

    synchronized WhepSession find(String id) {
        WhepSession s = open.get(id);
        if (s == null) {
            throw new WhepException(404, "no such WHEP session: " + id);
        }
        return s;
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    /** Ends every session; new ones are refused. Idempotent. */
    @Override
    public void close() {
        List<WhepSession> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(this::close);
        timers.shutdownNow();
    }

    private boolean end(String id, String why) {
        WhepSession s;
        synchronized (this) {
            s = open.remove(id);
        }
        if (s == null) {
            return false;
        }
        LOG.info("{}: WHEP session {} closed ({})", label, id, why);
        close(s);
        return true;
    }

    private void close(WhepSession s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing WHEP session {} failed: {}", label, s.id(), e.toString());
        }
    }

    private void neverConnected(String id) {
        WhepSession s;
        synchronized (this) {
            s = open.get(id);
        }
        if (s != null && s.peer().connectionState() != RTCPeerConnectionState.CONNECTED) {
            end(id, "not connected within " + limits.answerTimeout().toSeconds() + " s");
        }
    }

    private void stateChanged(String id, RTCPeerConnectionState state) {
        switch (state) {
            case CONNECTED -> LOG.info("{}: WHEP session {}: media flowing", label, id);
            case FAILED -> end(id, "connection failed");
            case DISCONNECTED -> timers.schedule(() -> {
                WhepSession s;
                synchronized (this) {
                    s = open.get(id);
                }
                if (s != null && s.peer().connectionState() == RTCPeerConnectionState.DISCONNECTED) {
                    end(id, "disconnected for " + SessionTimings.DEFAULT_DISCONNECTED_GRACE.toSeconds() + " s");
                }
            }, SessionTimings.DEFAULT_DISCONNECTED_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            default -> LOG.debug("{}: WHEP session {} is {}", label, id, state);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Peer events, from the engine's event thread, handed to the timer thread (closing a peer there is safe). */
    private final class Events implements PeerListener {
        private final String id;

        Events(String id) {
            this.id = id;
        }

        @Override
        public void onConnectionStateChange(RTCPeerConnectionState state) {
            try {
                timers.execute(() -> stateChanged(id, state));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("{}: WHEP event after shutdown dropped", label);
            }
        }
    }
}
