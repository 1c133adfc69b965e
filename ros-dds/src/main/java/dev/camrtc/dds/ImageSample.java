package dev.camrtc.dds;

import java.nio.ByteBuffer;

/**
 * One received {@code sensor_msgs/msg/Image}, checked: {@code 1 <= width, height <= }{@value Defaults#MAX_IMAGE_SIDE},
 * {@code step * height <= data.remaining()}. {@code data} is a read-only view of the DDS sample's own
 * memory, valid only during the call that lends the sample (copy the pixels out, never keep the buffer).
 *
 * @param stampNanos header.stamp as nanoseconds since the Unix epoch
 * @param encoding   e.g. {@code bgr8}, {@code rgb8}, {@code mono8}, {@code 16UC1}
 * @param bigEndian  is_bigendian
 * @param step       bytes per row (may exceed width x bytes per pixel: row padding)
 */
public record ImageSample(long stampNanos, int width, int height, String encoding, boolean bigEndian, int step,
                          ByteBuffer data) {
}
