package dev.camrtc.dds;

/** What every publisher of a {@link RosGraph} has. */
public interface RosPublisher extends AutoCloseable {

    /** Fully qualified ROS topic name, e.g. {@code /realsense/color/image_raw}. */
    String topic();

    /** Subscribers currently matched (any vendor, any matching QoS). */
    int subscriptionCount();

    /** Frames published so far, and frames dropped because a write timed out or failed. */
    long publishedCount();

    long droppedCount();

    /** Deletes the writer; idempotent. Publishing afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
