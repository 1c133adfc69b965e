package dev.camrtc.media.rtc;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import java.nio.ByteBuffer;

/** Test frames: diagonal stripes that move every frame, with a {@link FrameStamp} band. */
final class MovingPattern {

    private final String stream;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final long counterBase;
    private final byte[] row;
    private final ByteBuffer buffer;
    private long n;

    /** {@code counterBase} lets a test tell streams apart by their stamp counters. */
    MovingPattern(String stream, int width, int height, PixelFormat format, long counterBase) {
        this.stream = stream;
        this.width = width;
        this.height = height;
        this.format = format;
        this.counterBase = counterBase;
        int bpp = format.bytesPerPixel();
        this.row = new byte[(width + height + 256) * bpp];
        for (int i = 0; i < row.length / bpp; i++) {
            for (int c = 0; c < bpp; c++) {
                // colour: blue and red move in opposite directions; mono: a grey ramp
                row[i * bpp + c] = (byte) (c == 1 ? 96 : (c == 0 ? i * 3 : 255 - i * 3));
            }
        }
        this.buffer = ByteBuffer.allocateDirect(width * height * bpp);
    }

    /** The next frame; the returned buffer is reused by the next call (push() copies synchronously). */
    CameraFrame next() {
        int bpp = format.bytesPerPixel();
        int shift = (int) ((n * 5) % 256);
        for (int y = 0; y < height; y++) {
            buffer.put(y * width * bpp, row, (y + shift) * bpp, width * bpp);
        }
        long counter = counterBase + n;
        long now = System.currentTimeMillis();
        FrameStamp.encode(buffer, width, height, format, counter, now);
        n++;
        return new CameraFrame(stream, width, height, format, buffer, counter, now);
    }
}
