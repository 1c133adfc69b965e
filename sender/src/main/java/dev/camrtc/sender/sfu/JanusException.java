package dev.camrtc.sender.sfu;

/** Janus refused a request, answered something unexpected, or could not be reached; the message says which. */
public final class JanusException extends RuntimeException {

    /** Janus's own error code (e.g. 458 "No such session", a VideoRoom error code), 0 when there is none. */
    private final int code;

    public JanusException(String message) {
        this(0, message);
    }

    public JanusException(int code, String message) {
        super(message);
        this.code = code;
    }

    public JanusException(String message, Throwable cause) {
        super(message, cause);
        this.code = 0;
    }

    public int code() {
        return code;
    }
}
