package dev.camrtc.dds;

/** Subscribes to {@code sensor_msgs/msg/CameraInfo}. Thread use as {@link ImageSubscriber}. */
public interface CameraInfoSubscriber extends RosSubscriber {

    /** The newest valid camera info that arrived since the last call, or null. */
    CameraInfo takeNewest();
}
