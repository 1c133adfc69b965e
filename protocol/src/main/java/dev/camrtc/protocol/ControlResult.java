package dev.camrtc.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sender to receiver through the server (PROTOCOL.md 3.6): exactly one per {@code control}, same
 * {@code requestId}; {@code error} set when {@code ok} is false.
 */
public record ControlResult(String senderId, String receiverId, String requestId, boolean ok, JsonNode value,
        String error) implements Addressed {

    public static final String TYPE = "control_result";

    public ControlResult {
        value = value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    public static ControlResult success(String receiverId, String requestId, JsonNode value) {
        return new ControlResult(null, receiverId, requestId, true, value, null);
    }

    public static ControlResult failure(String receiverId, String requestId, String error) {
        return new ControlResult(null, receiverId, requestId, false, null, error);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
