package dev.camrtc.protocol;

/** Server to receiver (PROTOCOL.md 3.2): the sender's connection ended. */
public record SenderLeft(String senderId) implements Message {

    public static final String TYPE = "sender_left";

    @Override
    public String type() {
        return TYPE;
    }
}
