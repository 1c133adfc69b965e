package dev.camrtc.media.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One image of one stream, as it leaves a camera or a decoder.
 *
 * <p>{@code pixels} holds {@code height} tightly packed rows of {@code width * format.bytesPerPixel()}
 * bytes, from position 0. A frame is immutable once published: producers never write to the buffer
 * again, consumers read it through {@link #pixels()} (a fresh read-only view each call) and never keep
 * it longer than they need it.
 *
 * @param stream            stream name ({@code color}, {@code infrared}, ...)
 * @param sequence          frame counter of this stream, starting anywhere, +1 per captured frame
 * @param captureTimeMillis wall-clock capture time, milliseconds since the Unix epoch
 */
public record CameraFrame(
        String stream, int width, int height, PixelFormat format, ByteBuffer buffer,
        long sequence, long captureTimeMillis) {

    public CameraFrame {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(buffer, "buffer");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        int needed = width * height * format.bytesPerPixel();
        if (buffer.capacity() < needed) {
            throw new IllegalArgumentException("buffer holds " + buffer.capacity() + " bytes, "
                    + width + "x" + height + " " + format + " needs " + needed);
        }
    }

    /** Bytes per row. */
    public int stride() {
        return width * format.bytesPerPixel();
    }

    /** Bytes of the whole image. */
    public int size() {
        return stride() * height;
    }

    /** A read-only view of the pixels, positioned at 0 with limit {@link #size()}. */
    public ByteBuffer pixels() {
        return buffer.asReadOnlyBuffer().position(0).limit(size()).slice();
    }
}
