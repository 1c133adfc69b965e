package dev.camrtc.ros.frame;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import java.time.Instant;

/**
 * A frame ready to publish and the header stamp to publish it with (the sender's capture time from the frame
 * stamp when the pixels carry one, PROTOCOL.md 7, else the receive time). Closing returns its buffer.
 *
 * @param frame          the pixels; a frame of the stream's {@link FramePool} when {@code pooled}
 * @param pooled         true when closing releases {@code frame} back to its pool; false when the frame owns
 *                       its pixels and someone else releases it
 * @param captureStamped true when {@code stamp} is the sender's capture time from a frame stamp
 */
public record ConvertedImage(CameraFrame frame, Instant stamp, boolean pooled, boolean captureStamped)
        implements AutoCloseable {

    /** An image whose stamp is not a capture time from a frame stamp. */
    public ConvertedImage(CameraFrame frame, Instant stamp, boolean pooled) {
        this(frame, stamp, pooled, false);
    }

    /**
     * A frame of {@code pool} to convert or decode into (one reference, the caller's). A closed pool, or one
     * whose every buffer is in flight (a bug: one publishing thread holds one at a time), is an
     * IllegalStateException.
     */
    public static CameraFrame pooledFrame(FramePool pool, String stream, int width, int height, PixelFormat format,
                                          long sequence, long captureTimeMillis) {
        CameraFrame frame = pool.acquire(stream, width, height, format, sequence, captureTimeMillis);
        if (frame == null) {
            throw new IllegalStateException("frame pool " + pool.name() + " is closed or has every buffer in flight");
        }
        return frame;
    }

    @Override
    public void close() {
        if (pooled) {
            frame.release();
        }
    }
}
