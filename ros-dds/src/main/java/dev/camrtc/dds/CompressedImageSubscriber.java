package dev.camrtc.dds;

import java.util.function.Consumer;

/** Subscribes to {@code sensor_msgs/msg/CompressedImage}; newest sample only, as {@link ImageSubscriber}. */
public interface CompressedImageSubscriber extends RosSubscriber {

    /** Hands the newest valid waiting sample to {@code sink}, lent for the call only; false when none waited. */
    boolean takeNewest(Consumer<CompressedImageSample> sink);
}
