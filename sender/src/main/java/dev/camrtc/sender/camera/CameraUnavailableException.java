package dev.camrtc.sender.camera;

/**
 * The camera a source was asked for is not there (not connected, no permission, a file that does not exist).
 * The message is one line for the user: what was looked for and how to fix it.
 */
public class CameraUnavailableException extends RuntimeException {
    public CameraUnavailableException(String message) {
        super(message);
    }
}
