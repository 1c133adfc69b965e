package dev.camrtc.protocol;

/** Either side ends a session (PROTOCOL.md 3.5); {@code sessionId} nullable. */
public record Hangup(String senderId, String receiverId, String sessionId) implements Addressed {

    public static final String TYPE = "hangup";

    public static Hangup toSender(String senderId, String sessionId) {
        return new Hangup(senderId, null, sessionId);
    }

    public static Hangup toReceiver(String receiverId, String sessionId) {
        return new Hangup(null, receiverId, sessionId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
