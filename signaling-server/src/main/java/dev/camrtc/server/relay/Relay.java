package dev.camrtc.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.protocol.ErrorCode;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.Role;
import dev.camrtc.server.cluster.Cluster;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.metrics.SignalingMetrics;
import java.util.Iterator;
import java.util.Map;
import org.eclipse.jetty.websocket.api.WriteCallback;

/**
 * Forwards a relayed message (PROTOCOL.md 3.3-3.6) to the peer it addresses: the addressing field is
 * replaced by the sender's own id field ({@code receiver_id} <-> {@code sender_id}) and every other field,
 * known or not, passes through unchanged.
 *
 * <p>Session scope (3.3): {@code offer}, {@code answer}, {@code candidate} and {@code hangup} pass only
 * between a receiver and a sender it sent {@code request_offer} to on its current connection, and
 * {@code control_result} only to a receiver that sent that sender a {@code control}; anything else, and
 * any id that does not exist, gets {@code no_session} — the same answer, so no peer learns which ids are live.
 * In a cluster the check runs on the instance of the peer that sends (it knows its peers' sessions) and again
 * on the instance that delivers.
 */
public final class Relay {

    private final ConnectionRegistry registry;
    private final ErrorReporter errors;
    private final SignalingMetrics metrics;
    private final Cluster cluster;

    public Relay(ConnectionRegistry registry, ErrorReporter errors, SignalingMetrics metrics, Cluster cluster) {
        this.registry = registry;
        this.errors = errors;
        this.metrics = metrics;
        this.cluster = cluster;
    }

    /**
     * The id of the sender a receiver's {@code request_offer} or {@code control} addresses, on this instance or
     * another of the cluster, or null after sending {@code unknown_sender} (senders are public: the directory lists them).
     */
    public String sender(Peer receiver, String type, ObjectNode json) {
        String id = addressOf(receiver, json);
        if (registry.get(id, Role.SENDER) == null && !cluster.hasRemoteSender(id)) {
            errors.send(receiver, ErrorCode.UNKNOWN_SENDER, "no sender " + id, type);
            return null;
        }
        return id;
    }

    /** The id of the peer a session message addresses when {@code from} holds a session with it, else null after {@code no_session}. */
    public String inSession(Peer from, String type, ObjectNode json) {
        String id = addressOf(from, json);
        if (id == null || !holdsSession(from, id, type)) {
            errors.send(from, ErrorCode.NO_SESSION, "no session with " + id, type);
            return null;
        }
        return id;
    }

    private boolean holdsSession(Peer from, String id, String type) {
        if (from.role() == Role.RECEIVER) {
            return from.askedSenders().contains(id)
                    && (registry.get(id, Role.SENDER) != null || cluster.hasRemoteSender(id));
        }
        Peer target = registry.get(id, Role.RECEIVER);
        if (target == null) {
            return cluster.holdsRemoteSession(from.id(), id, type);
        }
        return ControlResult.TYPE.equals(type)
                ? target.controlledSenders().contains(from.id())
                : target.askedSenders().contains(from.id());
    }

    private static String addressOf(Peer from, ObjectNode json) {
        JsonNode address = json.get(from.role().addressField());
        return address != null && address.isTextual() ? address.textValue() : null;
    }

    /** Sends {@code json} from {@code from} to {@code targetId} (here or on its instance) with the addressing swapped. */
    public void forward(Peer from, String targetId, String type, ObjectNode json, long arrivedNanos) {
        String text = MessageCodec.encode(swapAddressing(from, json));
        Peer target = registry.get(targetId, from.role().peer());
        if (target == null) {
            cluster.forward(from, targetId, type, text, arrivedNanos);
            return;
        }
        target.send(text, new WriteCallback() {
            @Override
            public void writeSuccess() {
                metrics.relayed(type, System.nanoTime() - arrivedNanos);
            }
        });
    }

    /**
     * A copy of {@code json} with {@code type} first, then the sender's own id field, then every other
     * field as received; both addressing fields of the original are dropped.
     */
    static ObjectNode swapAddressing(Peer from, ObjectNode json) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("type", json.get("type"));
        out.put(from.role().ownIdField(), from.id());
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!name.equals("type") && !name.equals("sender_id") && !name.equals("receiver_id")) {
                out.set(name, field.getValue());
            }
        }
        return out;
    }
}
