package dev.camrtc.sender.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The sender's Prometheus registry ({@code GET /metrics}, names prefixed {@code camrtc_sender_}; the list with
 * meanings is in docs/sender.md). Every meter reads counters its component already keeps (function counters
 * and gauges registered from outside), so nothing is added to the capture or encoding paths here:
 * <ul>
 * <li>{@code camrtc_sender_frames_captured_total{stream}} from the {@link CaptureMeter};</li>
 * <li>{@code camrtc_sender_frames_{encoded,sent,skipped}_total{stream,transport}} and
 *     {@code camrtc_sender_encode_seconds_total{stream,transport}}: {@code transport="mjpeg"} from the MJPEG
 *     broadcasters ({@link #bindMjpeg}), {@code transport="webrtc"} from the {@link SessionStatsPoller};</li>
 * <li>{@code camrtc_sender_sessions}, {@code camrtc_sender_mjpeg_clients}, {@code camrtc_sender_up},
 *     {@code camrtc_sender_frame_age_seconds}, and the per-session series of {@link SessionSeries}.</li>
 * </ul>
 * Label values are stream names and the ids of at most {@code --max-sessions} live sessions.
 */
public final class SenderMetrics {

    static final String ENCODE_HELP = "Time spent encoding frames (JPEG for mjpeg; the WebRTC encoder for webrtc)";

    /** Per-stream MJPEG counters, as the HTTP server keeps them. */
    public interface MjpegCounters {
        long framesEncoded(String stream);

        long encodeNanos(String stream);

        long framesSent(String stream);

        long framesSkipped(String stream);

        int clients();
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SenderHealth health;
    /** What the function counters read: Micrometer holds them weakly only. */
    private final List<Object> read = new CopyOnWriteArrayList<>();

    /**
     * Registers the capture counters of {@code meter} for {@code streams}, and the health gauges.
     *
     * @param sessions open WebRTC sessions now
     */
    public SenderMetrics(CaptureMeter meter, SenderHealth health, List<String> streams, IntSupplier sessions) {
        this.health = health;
        read.add(meter);
        for (String stream : streams) {
            FunctionCounter.builder("camrtc.sender.frames.captured", meter, m -> m.framesCaptured(stream))
                    .description("Frames the camera delivered")
                    .tag("stream", stream).register(registry);
        }
        Gauge.builder("camrtc.sender.sessions", sessions, IntSupplier::getAsInt).strongReference(true)
                .description("Open WebRTC sessions (one per receiver)").register(registry);
        Gauge.builder("camrtc.sender.up", health, h -> h.check().healthy() ? 1 : 0).strongReference(true)
                .description("1 when /healthz says healthy (the camera delivers, or is idle), else 0").register(registry);
        Gauge.builder("camrtc.sender.frame.age", meter, m -> m.anyFrame() ? m.nanosSinceLastFrame() / 1e9 : Double.NaN)
                .strongReference(true).baseUnit("seconds")
                .description("Time since the camera delivered its last frame (NaN before the first)").register(registry);
    }

    /** Adds the MJPEG series of {@code streams}. */
    public void bindMjpeg(MjpegCounters mjpeg, List<String> streams) {
        read.add(mjpeg);
        for (String stream : streams) {
            String[] tags = {"stream", stream, "transport", "mjpeg"};
            frameCounter(registry, "encoded", mjpeg, m -> m.framesEncoded(stream), tags);
            frameCounter(registry, "sent", mjpeg, m -> m.framesSent(stream), tags);
            frameCounter(registry, "skipped", mjpeg, m -> m.framesSkipped(stream), tags);
            FunctionCounter.builder("camrtc.sender.encode", mjpeg, m -> m.encodeNanos(stream) / 1e9)
                    .baseUnit("seconds").description(ENCODE_HELP).tags(tags).register(registry);
        }
        Gauge.builder("camrtc.sender.mjpeg.clients", mjpeg, MjpegCounters::clients).strongReference(true)
                .description("MJPEG streaming clients now").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public SenderHealth health() {
        return health;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    private static final String[] FRAME_HELP = {
        "encoded", "Frames encoded (once per frame for mjpeg; per session for webrtc)",
        "sent", "Frames sent (mjpeg: written to clients; webrtc: sent in RTP, all sessions)",
        "skipped", "Frames skipped (mjpeg: replaced before a slow client took them; webrtc: dropped by the encoder)"};

    static <T> Meter frameCounter(MeterRegistry registry, String what, T obj, ToDoubleFunction<T> f, String... tags) {
        String help = "";
        for (int i = 0; i < FRAME_HELP.length; i += 2) {
            if (FRAME_HELP[i].equals(what)) {
                help = FRAME_HELP[i + 1];
            }
        }
        return FunctionCounter.builder("camrtc.sender.frames." + what, obj, f)
                .description(help).tags(tags).register(registry);
    }
}
