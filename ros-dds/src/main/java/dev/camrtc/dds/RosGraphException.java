package dev.camrtc.dds;

/**
 * The ROS 2 graph could not be opened or a publisher could not be made or used. The message says
 * what failed and, where there is one, how to fix it.
 */
public final class RosGraphException extends RuntimeException {
    public RosGraphException(String message) {
        super(message);
    }

    public RosGraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
