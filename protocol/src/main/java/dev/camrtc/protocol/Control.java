package dev.camrtc.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Receiver to sender through the server (PROTOCOL.md 3.6): {@code op} is {@code list}, {@code get} or
 * {@code set}; {@code name} and {@code value} nullable (a JSON null value reads as Java null).
 */
public record Control(String senderId, String receiverId, String requestId, String op, String name,
        JsonNode value) implements Addressed {

    public static final String TYPE = "control";
    public static final String OP_LIST = "list";
    public static final String OP_GET = "get";
    public static final String OP_SET = "set";

    public Control {
        value = value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    public static Control list(String senderId, String requestId) {
        return new Control(senderId, null, requestId, OP_LIST, null, null);
    }

    public static Control get(String senderId, String requestId, String name) {
        return new Control(senderId, null, requestId, OP_GET, name, null);
    }

    public static Control set(String senderId, String requestId, String name, JsonNode value) {
        return new Control(senderId, null, requestId, OP_SET, name, value);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
