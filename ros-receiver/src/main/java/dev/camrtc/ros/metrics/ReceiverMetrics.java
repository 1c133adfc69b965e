package dev.camrtc.ros.metrics;

import dev.camrtc.ros.output.PublishObserver;
import dev.camrtc.ros.session.ReceiverSession;
import dev.camrtc.ros.session.SessionState.Phase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The ROS receiver's Prometheus metrics, all prefixed {@code camrtc_ros_receiver_} and labelled by image
 * {@code topic} where they are per stream (one label value per announced stream: bounded by the layout, never
 * per frame or session):
 * <ul>
 * <li>{@code frames_received_total{topic}}: frames handed to the stream's publisher (WebRTC, depth channel or
 *     MJPEG fallback);</li>
 * <li>{@code frames_skipped_total{topic}}: frames replaced by a newer one before they were published;</li>
 * <li>{@code frames_published_total{topic}}: images written to DDS;</li>
 * <li>{@code glass_to_ros_latency_seconds{topic}} histogram: from the sender's capture time (frame stamp) to the
 *     DDS write's end, for stamped frames only (clocks of both machines must agree, e.g. NTP/PTP);</li>
 * <li>{@code dds_publish_seconds{topic}} histogram: duration of the image's DDS write;</li>
 * <li>{@code reconnects_total}: times a failed, timed-out or hung-up WebRTC session made the receiver ask
 *     its sender again;</li>
 * <li>{@code session_state{phase}} gauge: 1 for the session's current phase, 0 for the others;</li>
 * <li>{@code last_frame_age_seconds} gauge: since the last image was published (-1 before the first).</li>
 * </ul>
 * Per frame, {@link #opened}'s callback records two timers and a volatile time: no allocation.
 */
public final class ReceiverMetrics implements PublishObserver {

    static final String PREFIX = "camrtc.ros.receiver.";
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile long lastFrameMillis = -1;
    private volatile ReceiverSession session;

    public ReceiverMetrics() {
        for (Phase p : Phase.values()) {
            Gauge.builder(PREFIX + "session.state", () -> phase() == p ? 1 : 0)
                    .description("1 for the session's current phase").tag("phase", p.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        FunctionCounter.builder(PREFIX + "reconnects", this, m -> m.session == null ? 0 : m.session.retryCount())
                .description("Times a failed, timed-out or hung-up WebRTC session made the receiver ask again")
                .register(registry);
        FunctionCounter.builder(PREFIX + "webrtc.engine.renewals", this,
                        m -> m.session == null ? 0 : m.session.engineRenewals())
                .description("Times the WebRTC engine was renewed to free the data-channel messages webrtc-java holds")
                .register(registry);
        Gauge.builder(PREFIX + "last.frame.age", this, m -> m.lastFrameMillis < 0 ? -1
                        : (System.currentTimeMillis() - m.lastFrameMillis) / 1000.0)
                .description("Seconds since the last image was published (-1 before the first)")
                .baseUnit("seconds").register(registry);
    }

    /** The session whose phase and reconnects are reported (set once it exists). */
    public void session(ReceiverSession s) {
        this.session = s;
    }

    /** The session's phase now, or null before it exists. */
    public Phase phase() {
        ReceiverSession s = session;
        return s == null ? null : s.phase();
    }

    public ReceiverSession session() {
        return session;
    }

    /** Wall-clock milliseconds of the last image published on any topic, or -1 before the first. */
    public long lastFrameMillis() {
        return lastFrameMillis;
    }

    @Override
    public synchronized FrameTimes opened(String stream, String topic, StreamCounts counts) {
        FunctionCounter.builder(PREFIX + "frames.received", counts, StreamCounts::offeredCount)
                .description("Frames handed to the topic's publisher").tag("topic", topic).register(registry);
        FunctionCounter.builder(PREFIX + "frames.skipped", counts, StreamCounts::skippedCount)
                .description("Frames replaced by a newer one before they were published").tag("topic", topic)
                .register(registry);
        FunctionCounter.builder(PREFIX + "frames.published", counts, StreamCounts::publishedCount)
                .description("Images written to DDS").tag("topic", topic).register(registry);
        Timer latency = Timer.builder(PREFIX + "glass.to.ros.latency")
                .description("From the sender's capture time (frame stamp) to the end of the DDS write")
                .tag("topic", topic).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        Timer write = Timer.builder(PREFIX + "dds.publish")
                .description("Duration of the image's DDS write").tag("topic", topic)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        return (captureEpochNanos, writeNanos) -> {
            long now = System.currentTimeMillis();
            lastFrameMillis = now;
            write.record(writeNanos, TimeUnit.NANOSECONDS);
            if (captureEpochNanos >= 0) {
                long age = now * 1_000_000L - captureEpochNanos;
                if (age >= 0) { // a sender clock ahead of ours says nothing useful
                    latency.record(age, TimeUnit.NANOSECONDS);
                }
            }
        };
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
