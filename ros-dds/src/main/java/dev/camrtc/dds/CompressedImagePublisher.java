package dev.camrtc.dds;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Publishes {@code sensor_msgs/msg/CompressedImage} (format {@value Defaults#JPEG_FORMAT} for JPEG, as
 * image_transport's compressed plugin reads it). Thread use as {@link ImagePublisher}.
 */
public interface CompressedImagePublisher extends RosPublisher {

    /**
     * Publishes the bytes between {@code data}'s position and limit (the buffer is not modified).
     *
     * @param format CompressedImage.format, e.g. {@code jpeg}
     */
    boolean publish(ByteBuffer data, String format, Instant stamp, String frameId);
}
