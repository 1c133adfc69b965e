package dev.camrtc.dds;

import java.util.function.Consumer;

/**
 * Subscribes to {@code sensor_msgs/msg/Image}. Newest frame only: {@link #takeNewest} takes every sample
 * that arrived since the last call and lends only the newest valid one. A malformed sample (size fields
 * that do not fit its data, an absurd size) is refused with one warning per subscriber (later ones are
 * counted in {@link #rejectedCount()}) and never reaches the caller.
 *
 * <p>Calls on one subscriber are serialized; the intended use is one capture thread.
 */
public interface ImageSubscriber extends RosSubscriber {

    /**
     * Hands the newest valid waiting sample to {@code sink}, lent for the call only; returns false (and
     * calls nothing) when no valid sample was waiting.
     */
    boolean takeNewest(Consumer<ImageSample> sink);
}
