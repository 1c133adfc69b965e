package dev.camrtc.protocol.client;

import java.io.IOException;

/**
 * A connection to the signaling server could not be made. {@link #httpStatus()} is the status of a refused
 * upgrade (401 wrong or missing token, 400 invalid name), or 0 when there was no HTTP answer.
 */
public final class SignalingException extends IOException {

    private final int httpStatus;

    public SignalingException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public SignalingException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * True when the server answered the upgrade with a 4xx status: retrying at once cannot help, only a
     * change of token, name or server configuration can.
     */
    public boolean isRefused() {
        return httpStatus >= 400 && httpStatus < 500;
    }
}
