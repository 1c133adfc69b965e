package dev.camrtc.sender.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One plugin handle of a {@link JanusSession}: plugin requests ({@link #request} for the synchronous ones,
 * {@link #message} for those answered by an event), trickled candidates, and {@link #close()} (detach).
 * Events of this handle that answer no request ({@code webrtcup}, {@code hangup}, {@code media}, plugin
 * notifications) go to the handler given at attach time, on the session's poll thread: keep it short.
 */
public final class JanusHandle implements AutoCloseable {

    private final JanusSession session;
    private final long id;
    private final Consumer<JanusEvent> events;
    private volatile boolean closed;

    JanusHandle(JanusSession session, long id, Consumer<JanusEvent> events) {
        this.session = session;
        this.id = id;
        this.events = events == null ? e -> { } : events;
    }

    public long id() {
        return id;
    }

    private URI uri() {
        return URI.create(session.sessionUri() + "/" + id);
    }

    /** A plugin request Janus answers at once ({@code create}, {@code exists}, ...): the plugin's data. */
    public JsonNode request(ObjectNode body) {
        ObjectNode m = JanusSession.JSON.createObjectNode().put("janus", "message");
        m.set("body", body);
        JanusEvent answer = session.postChecked(uri(), m);
        JanusException error = answer.error();
        if (error != null) {
            throw error;
        }
        return answer.data();
    }

    /** A plugin request answered by an event ({@code join}, {@code publish}, {@code start}), optionally with SDP. */
    public CompletableFuture<JanusEvent> message(ObjectNode body, SessionDescription jsep) {
        ObjectNode m = JanusSession.JSON.createObjectNode().put("janus", "message");
        m.set("body", body);
        if (jsep != null) {
            m.set("jsep", JanusSession.JSON.createObjectNode().put("type", jsep.type()).put("sdp", jsep.sdp()));
        }
        try {
            return session.postAsync(uri(), m);
        } catch (JanusException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A trickled candidate of the remote WebRTC peer; null = end of candidates. */
    public void trickle(IceCandidate candidateOrNull) {
        ObjectNode m = JanusSession.JSON.createObjectNode().put("janus", "trickle");
        if (candidateOrNull == null) {
            m.set("candidate", JanusSession.JSON.createObjectNode().put("completed", true));
        } else {
            ObjectNode c = m.putObject("candidate").put("candidate", candidateOrNull.candidate());
            if (candidateOrNull.sdpMid() != null) {
                c.put("sdpMid", candidateOrNull.sdpMid());
            }
            if (candidateOrNull.sdpMLineIndex() != null) {
                c.put("sdpMLineIndex", candidateOrNull.sdpMLineIndex());
            }
        }
        session.postChecked(uri(), m);
    }

    void deliver(JanusEvent e) {
        if (!closed) {
            events.accept(e);
        }
    }

    /** Detaches the handle (Janus closes its PeerConnection); best effort, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.forget(id);
        if (!session.isLost()) {
            try {
                session.postChecked(uri(), JanusSession.JSON.createObjectNode().put("janus", "detach"));
            } catch (JanusException e) {
                // the session is gone or Janus is unreachable: nothing left to detach
            }
        }
    }
}
