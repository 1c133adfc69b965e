package dev.camrtc.sender.camera;

import dev.camrtc.media.frame.CameraFrame;

/** Receives frames from a {@link CameraSource}. Must return quickly: copy or hand off, never block. */
@FunctionalInterface
public interface FrameSink {
    void accept(CameraFrame frame);
}
