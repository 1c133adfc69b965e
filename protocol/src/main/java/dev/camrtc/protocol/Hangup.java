package dev.camrtc.protocol;

/**
 * Either side ends a session (PROTOCOL.md 3.3, 3.5); {@code sessionId} and {@code reason} nullable.
 * {@code reason} is free text or one of the constants below.
 */
public record Hangup(String senderId, String receiverId, String sessionId, String reason) implements Addressed {

    public static final String TYPE = "hangup";

    /** The sender got no answer to its offer in time (PROTOCOL.md 3.3). */
    public static final String ANSWER_TIMEOUT = "answer_timeout";
    /** The sender holds as many sessions as it allows; a {@code request_offer} beyond that. */
    public static final String BUSY = "busy";
    /** A newer session of the same pair replaced this one. */
    public static final String REPLACED = "replaced";
    /** The session could not go on (offer/answer refused, connection failed, a peer over its limits). */
    public static final String FAILED = "failed";
    /** The side that hangs up is shutting down. */
    public static final String STOPPING = "stopping";

    public static Hangup toSender(String senderId, String sessionId) {
        return new Hangup(senderId, null, sessionId, null);
    }

    public static Hangup toReceiver(String receiverId, String sessionId) {
        return new Hangup(null, receiverId, sessionId, null);
    }

    /** As a sender hangs up with a {@code reason}. */
    public static Hangup toReceiver(String receiverId, String sessionId, String reason) {
        return new Hangup(null, receiverId, sessionId, reason);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
