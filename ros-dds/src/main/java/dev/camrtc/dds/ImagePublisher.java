package dev.camrtc.dds;

import dev.camrtc.media.frame.CameraFrame;
import java.time.Instant;

/**
 * Publishes {@code sensor_msgs/msg/Image}. Encoding from the frame's {@link dev.camrtc.media.frame.PixelFormat}
 * ({@code bgr8}, {@code mono8}, {@code 16UC1}), {@code is_bigendian} 0, {@code step} = width x bytes per pixel.
 * A direct frame buffer is serialized straight from its memory (no copy); a heap buffer is copied once.
 *
 * <p>{@link #publish} is safe from any thread (calls on one publisher are serialized); the intended use
 * is one publishing thread per stream.
 */
public interface ImagePublisher extends RosPublisher {

    /**
     * Publishes one frame. Returns false (and counts a drop) if the write timed out waiting for a
     * reliable subscriber's acknowledgements, see {@link QosOptions#maxBlockingTime()}.
     *
     * @param stamp   header.stamp, chosen by the caller (capture time, or receive time)
     * @param frameId header.frame_id, e.g. {@code camera_color_optical_frame}
     */
    boolean publish(CameraFrame frame, Instant stamp, String frameId);
}
