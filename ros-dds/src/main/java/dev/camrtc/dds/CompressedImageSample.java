package dev.camrtc.dds;

import java.nio.ByteBuffer;

/**
 * One received {@code sensor_msgs/msg/CompressedImage}: {@code data} is a read-only direct view of the DDS
 * sample's memory (at most {@value Defaults#MAX_COMPRESSED_BYTES} bytes), valid only during the call that
 * lends the sample.
 *
 * @param stampNanos header.stamp as nanoseconds since the Unix epoch
 * @param format     e.g. {@code jpeg}, or image_transport's {@code bgr8; jpeg compressed bgr8}
 */
public record CompressedImageSample(long stampNanos, String format, ByteBuffer data) {
}
