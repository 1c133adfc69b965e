package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code code} of an {@code error} message (PROTOCOL.md 3.7). */
public enum ErrorCode {
    /** Not JSON, not an object, a missing or wrong-typed field, or a bad value. */
    BAD_MESSAGE,
    /** A string {@code type} this protocol version does not know. */
    UNKNOWN_TYPE,
    /** A known type that the sending role may not send (server-only types included). */
    NOT_ALLOWED,
    /** {@code request_offer} or {@code control} for a sender that is not connected. */
    UNKNOWN_SENDER,
    /** Kept for peers that know it; the server answers an unknown receiver with {@link #NO_SESSION} (3.3). */
    UNKNOWN_RECEIVER,
    /** A session message between peers without a session (3.3), or to an id that does not exist. */
    NO_SESSION,
    /** A permission of the connection's token is missing (PROTOCOL.md 1), e.g. {@code control} {@code set}. */
    FORBIDDEN,
    RATE_LIMITED;

    /** The name on the wire, e.g. {@code "bad_message"}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code with this wire name, or null when there is none. */
    @JsonCreator
    public static ErrorCode fromWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName().equals(wireName)) {
                return code;
            }
        }
        return null;
    }
}
