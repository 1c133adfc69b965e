package dev.camrtc.dds;

import java.time.Duration;
import java.util.Objects;

/**
 * QoS of one publisher or subscriber (a subscriber ignores {@code maxBlockingTime}). Durability is always VOLATILE and history KEEP_LAST (camera frames are
 * stale the moment the next one exists). Defaults in {@link Defaults}; see docs/ros2-bridge.md.
 *
 * @param reliability     RELIABLE (matches every subscriber) or BEST_EFFORT (matches only best-effort ones)
 * @param depth           KEEP_LAST depth, 1..1000
 * @param maxBlockingTime longest a reliable write waits for acknowledgements before dropping the frame
 */
public record QosOptions(Reliability reliability, int depth, Duration maxBlockingTime) {

    public QosOptions {
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(maxBlockingTime, "maxBlockingTime");
        if (depth < 1 || depth > 1000) {
            throw new IllegalArgumentException("history depth must be 1..1000, got " + depth);
        }
        if (maxBlockingTime.isNegative() || maxBlockingTime.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("max blocking time must be 0..1 s, got " + maxBlockingTime);
        }
    }

    /** Reliable, KEEP_LAST {@value Defaults#HISTORY_DEPTH}, volatile. */
    public static QosOptions defaults() {
        return new QosOptions(Defaults.RELIABILITY, Defaults.HISTORY_DEPTH, Defaults.MAX_BLOCKING_TIME);
    }

    /**
     * ROS 2's sensor-data profile for subscribers: best effort, KEEP_LAST {@value Defaults#SENSOR_DATA_DEPTH}
     * (newest frame only). A best-effort reader matches reliable and best-effort publishers.
     */
    public static QosOptions sensorData() {
        return new QosOptions(Defaults.SENSOR_DATA_RELIABILITY, Defaults.SENSOR_DATA_DEPTH, Duration.ZERO);
    }

    public QosOptions withReliability(Reliability r) {
        return new QosOptions(r, depth, maxBlockingTime);
    }

    public QosOptions withDepth(int d) {
        return new QosOptions(reliability, d, maxBlockingTime);
    }

    public QosOptions withMaxBlockingTime(Duration t) {
        return new QosOptions(reliability, depth, t);
    }
}
