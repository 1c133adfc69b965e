package dev.camrtc.sender.camera.realsense;

import java.nio.ByteBuffer;

/**
 * One frame as librealsense holds it: {@code height} rows of {@code stride} bytes in {@code data}, valid only
 * during the callback that receives it (the memory is librealsense's); copy out with {@link #copyTo}.
 */
record CapturedFrame(RealSenseStream stream, int width, int height, int stride, ByteBuffer data) {

    /** A frame of tightly packed rows. */
    CapturedFrame(RealSenseStream stream, int width, int height, ByteBuffer data) {
        this(stream, width, height, width * stream.pixelFormat().bytesPerPixel(), data);
    }

    /** Bytes of one tightly packed row. */
    int row() {
        return width * stream.pixelFormat().bytesPerPixel();
    }

    /** Copies the image as tightly packed rows into {@code dst} from its position. */
    void copyTo(ByteBuffer dst) {
        ByteBuffer src = data.duplicate();
        int row = row();
        if (stride == row) {
            dst.put(src.limit(row * height).position(0));
            return;
        }
        for (int y = 0; y < height; y++) {
            dst.put(src.limit(y * stride + row).position(y * stride));
        }
    }
}
