package dev.camrtc.server.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.ErrorCode;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.Role;
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
 */
public final class Relay {

    private final ConnectionRegistry registry;
    private final ErrorReporter errors;
    private final SignalingMetrics metrics;

    public Relay(ConnectionRegistry registry, ErrorReporter errors, SignalingMetrics metrics) {
        this.registry = registry;
        this.errors = errors;
        this.metrics = metrics;
    }

    /** The addressed peer of {@code json} from {@code from}, or null after sending the unknown_* error. */
    public Peer target(Peer from, String type, ObjectNode json) {
        Role to = from.role().peer();
        JsonNode address = json.get(from.role().addressField());
        String id = address != null && address.isTextual() ? address.textValue() : null;
        Peer target = registry.get(id, to);
        if (target == null) {
            boolean toSender = to == Role.SENDER;
            errors.send(from, toSender ? ErrorCode.UNKNOWN_SENDER : ErrorCode.UNKNOWN_RECEIVER,
                    (toSender ? "no sender " : "no receiver ") + id, type);
        }
        return target;
    }

    /** Sends {@code json} from {@code from} to {@code target} with the addressing swapped. */
    public void forward(Peer from, Peer target, String type, ObjectNode json, long arrivedNanos) {
        String text = MessageCodec.encode(swapAddressing(from, json));
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
