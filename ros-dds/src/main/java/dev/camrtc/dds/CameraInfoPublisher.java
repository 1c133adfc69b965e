package dev.camrtc.dds;

import java.time.Instant;

/** Publishes {@code sensor_msgs/msg/CameraInfo}. Thread use as {@link ImagePublisher}. */
public interface CameraInfoPublisher extends RosPublisher {

    /** Publishes the camera model, typically once per image with the image's stamp and frame id. */
    boolean publish(CameraInfo info, Instant stamp, String frameId);
}
