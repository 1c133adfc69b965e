package dev.camrtc.protocol;

/**
 * Server to client, wire type {@code error} (PROTOCOL.md 3.7). {@code ref} is the {@code type} of the
 * message that caused it, null when that message had no string type.
 */
public record ErrorMessage(ErrorCode code, String message, String ref) implements Message {

    public static final String TYPE = "error";

    /** The error to send back for a message that {@link MessageCodec#decode} refused. */
    public static ErrorMessage of(MessageCodec.Decoded.Failure failure) {
        return new ErrorMessage(failure.code(), failure.message(), failure.ref());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
