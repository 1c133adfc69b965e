package dev.camrtc.sender.camera.realsense;

/** A librealsense2 call failed; the message names the call and librealsense's own reason. */
public class RealSenseException extends RuntimeException {
    public RealSenseException(String message) {
        super(message);
    }
}
