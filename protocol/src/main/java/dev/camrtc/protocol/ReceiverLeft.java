package dev.camrtc.protocol;

/** Server to sender (PROTOCOL.md 3.5): a receiver that requested offers from this sender disconnected. */
public record ReceiverLeft(String receiverId) implements Message {

    public static final String TYPE = "receiver_left";

    @Override
    public String type() {
        return TYPE;
    }
}
