package dev.camrtc.ros.frame;

import dev.camrtc.media.frame.CameraFrame;
import java.time.Instant;

/**
 * A frame ready to publish and the header stamp to publish it with (the sender's capture time from the frame
 * stamp when the pixels carry one, PROTOCOL.md 7, else the receive time). Closing returns its buffer.
 *
 * @param lease          the pooled buffer holding the pixels, or null when the frame owns its pixels
 * @param captureStamped true when {@code stamp} is the sender's capture time from a frame stamp
 */
public record ConvertedImage(CameraFrame frame, Instant stamp, BufferPool.Lease lease, boolean captureStamped)
        implements AutoCloseable {

    /** An image whose stamp is not a capture time from a frame stamp. */
    public ConvertedImage(CameraFrame frame, Instant stamp, BufferPool.Lease lease) {
        this(frame, stamp, lease, false);
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.release();
        }
    }
}
