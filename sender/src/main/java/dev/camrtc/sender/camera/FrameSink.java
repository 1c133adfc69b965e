package dev.camrtc.sender.camera;

import dev.camrtc.media.frame.CameraFrame;

/**
 * Receives frames from a {@link CameraSource}. Must return quickly: copy or hand off, never block. The frame
 * is lent for the call only (it usually goes back to its pool right after): to keep it, call
 * {@link CameraFrame#retain()} here and {@link CameraFrame#release()} when done.
 */
@FunctionalInterface
public interface FrameSink {
    void accept(CameraFrame frame);
}
