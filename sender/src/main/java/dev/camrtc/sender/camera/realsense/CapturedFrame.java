package dev.camrtc.sender.camera.realsense;

import java.nio.ByteBuffer;

/** One frame copied out of librealsense: tightly packed pixels in the stream's own format. */
record CapturedFrame(RealSenseStream stream, int width, int height, ByteBuffer pixels) {
}
