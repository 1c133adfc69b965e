package dev.camrtc.sender.metrics;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches a {@link CameraSource} from outside: it stands between the source and its sink (the frame hub),
 * counts the frames the camera delivers per stream, and remembers when the last frame came and since when
 * frames are wanted. Everything else is passed through unchanged. Per frame it costs one counter increment
 * and one volatile write (no allocation).
 *
 * <p>Usage: {@code CaptureMeter meter = new CaptureMeter(source); FrameHub.start(name, meter);}. Closing it
 * closes the source. Thread-safe.
 */
public final class CaptureMeter implements CameraSource, FrameSink {

    private final CameraSource source;
    private final Map<String, LongAdder> captured = new HashMap<>(); // fixed after construction
    private final long createdNanos = System.nanoTime();
    private volatile FrameSink sink;
    private volatile long lastFrameNanos;
    private volatile boolean anyFrame;
    private volatile boolean idleFrame;
    private volatile Set<String> demand = Set.of();
    private volatile long demandSinceNanos = createdNanos;

    public CaptureMeter(CameraSource source) {
        this.source = Objects.requireNonNull(source, "source");
        for (StreamDescription s : source.streams()) {
            captured.put(s.name(), new LongAdder());
        }
    }

    /** The watched source (tests). */
    CameraSource source() {
        return source;
    }

    /** Frames of {@code stream} the camera delivered so far (0 for an unknown stream). */
    public long framesCaptured(String stream) {
        LongAdder n = captured.get(stream);
        return n == null ? 0 : n.sum();
    }

    /** Nanoseconds ({@link System#nanoTime()} clock) since the last frame of any stream, or since creation before the first. */
    public long nanosSinceLastFrame() {
        long now = System.nanoTime();
        return now - (anyFrame ? lastFrameNanos : createdNanos);
    }

    /** True once any frame came. */
    public boolean anyFrame() {
        return anyFrame;
    }

    /** True once a frame came while nobody watched: the source captures also when idle ({@code --always-on}). */
    public boolean deliversWhenIdle() {
        return idleFrame;
    }

    /** The streams watched now (as last told by the hub). */
    public Set<String> currentDemand() {
        return demand;
    }

    /** Nanoseconds since the demand last went from nothing to something (or since creation). */
    public long nanosSinceDemandStarted() {
        return System.nanoTime() - demandSinceNanos;
    }

    @Override
    public void accept(CameraFrame frame) {
        LongAdder n = captured.get(frame.stream());
        if (n != null) {
            n.increment();
        }
        lastFrameNanos = System.nanoTime();
        anyFrame = true;
        if (!idleFrame && demand.isEmpty()) {
            idleFrame = true;
        }
        sink.accept(frame);
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public List<StreamDescription> streams() {
        return source.streams();
    }

    @Override
    public void start(FrameSink frames) {
        this.sink = Objects.requireNonNull(frames, "sink");
        source.start(this);
    }

    @Override
    public synchronized void demand(Set<String> streams) {
        if (demand.isEmpty() && !streams.isEmpty()) {
            demandSinceNanos = System.nanoTime();
        }
        demand = Set.copyOf(streams);
        source.demand(streams);
    }

    @Override
    public CameraControls controls() {
        return source.controls();
    }

    @Override
    public void close() {
        source.close();
    }
}
