package dev.camrtc.dds;

/** What every subscriber of a {@link RosGraph} has. */
public interface RosSubscriber extends AutoCloseable {

    /** Fully qualified ROS topic name, e.g. {@code /camera/camera/color/image_raw}. */
    String topic();

    /** Publishers currently matched (any vendor, any matching QoS); 0 while the topic has none. */
    int publisherCount();

    /** Samples handed to callers so far, and samples refused as malformed (each one warned about). */
    long receivedCount();

    long rejectedCount();

    /** Deletes the reader; idempotent. Taking afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
