package dev.camrtc.protocol;

/** Receiver to sender through the server (PROTOCOL.md 3.3); echoes the offer's {@code sessionId}. */
public record Answer(String senderId, String receiverId, SessionDescription answer, String sessionId)
        implements Addressed {

    public static final String TYPE = "answer";

    /** As a receiver sends it: addressed to {@code senderId}. */
    public static Answer toSender(String senderId, SessionDescription answer, String sessionId) {
        return new Answer(senderId, null, answer, sessionId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
