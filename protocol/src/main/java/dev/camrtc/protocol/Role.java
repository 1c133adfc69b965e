package dev.camrtc.protocol;

/** Which end of the signaling server a client is (PROTOCOL.md 1: the WebSocket path decides it). */
public enum Role {
    SENDER("/ws/sender", "sender_id", "receiver_id"),
    RECEIVER("/ws/receiver", "receiver_id", "sender_id");

    private final String path;
    private final String ownIdField;
    private final String addressField;

    Role(String path, String ownIdField, String addressField) {
        this.path = path;
        this.ownIdField = ownIdField;
        this.addressField = addressField;
    }

    /** The WebSocket endpoint path of this role, e.g. {@code /ws/sender}. */
    public String path() {
        return path;
    }

    /** The JSON field naming a client of this role, e.g. {@code sender_id} for {@link #SENDER}. */
    public String ownIdField() {
        return ownIdField;
    }

    /** The JSON field a client of this role addresses its peers with, e.g. {@code receiver_id} for a sender. */
    public String addressField() {
        return addressField;
    }

    /** The role on the other side of a session. */
    public Role peer() {
        return this == SENDER ? RECEIVER : SENDER;
    }
}
