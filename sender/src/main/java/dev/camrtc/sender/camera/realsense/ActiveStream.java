package dev.camrtc.sender.camera.realsense;

import dev.camrtc.protocol.Intrinsics;

/** A stream as the camera (or recording) actually delivers it: resolved size, rate and intrinsics. */
public record ActiveStream(RealSenseStream stream, int width, int height, int fps, Intrinsics intrinsics) {
}
