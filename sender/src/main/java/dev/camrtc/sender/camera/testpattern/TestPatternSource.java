package dev.camrtc.sender.camera.testpattern;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic camera, default source of a sender: streams {@value #COLOR} (bgr8) and {@value #INFRARED}
 * (mono8) with moving, camera-like content, the sender name and the clock, and in every frame the
 * {@link FrameStamp} (PROTOCOL.md section 7) of its frame counter ({@link CameraFrame#sequence()}) and
 * capture time ({@link CameraFrame#captureTimeMillis()}).
 *
 * <p>One capture thread ticks on a fixed schedule (tick n at start + n / fps, so no drift; a late tick is
 * captured at once, ticks more than one period behind are skipped, not bunched), draws only the demanded
 * streams into a fresh direct buffer per frame, and idles while the demand is empty. Both streams of a tick
 * share one capture time. The frame counter of each stream starts at 0 and grows by one per frame of that stream.
 */
public final class TestPatternSource implements CameraSource {

    public static final String COLOR = "color";
    public static final String INFRARED = "infrared";

    private static final Logger log = LoggerFactory.getLogger(TestPatternSource.class);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Horizontal field of view of the synthetic intrinsics (a D435's colour and infrared imagers). */
    private static final double COLOR_HFOV_DEGREES = 69.0;
    private static final double INFRARED_HFOV_DEGREES = 87.0;

    private final TestPatternOptions options;
    private final TestPatternControls controls = new TestPatternControls();
    private final List<StreamDescription> streams;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile Set<String> demand = Set.of();
    private volatile boolean closed;
    private Thread thread;
    private long lastErrorLogNanos = Long.MIN_VALUE;

    public TestPatternSource(TestPatternOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        int w = options.width();
        int h = options.height();
        this.streams = List.of(
                new StreamDescription(COLOR, w, h, options.fps(), PixelFormat.BGR8.rosEncoding())
                        .withIntrinsics(pinhole(w, h, COLOR_HFOV_DEGREES)),
                new StreamDescription(INFRARED, w, h, options.fps(), PixelFormat.MONO8.rosEncoding())
                        .withIntrinsics(pinhole(w, h, INFRARED_HFOV_DEGREES)));
    }

    /** A source with all defaults ({@link TestPatternOptions#defaults()}). */
    public TestPatternSource() {
        this(TestPatternOptions.defaults());
    }

    public TestPatternOptions options() {
        return options;
    }

    @Override
    public String description() {
        return "test pattern " + options.width() + "x" + options.height() + "@" + options.fps();
    }

    @Override
    public List<StreamDescription> streams() {
        return streams;
    }

    @Override
    public void start(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        lock.lock();
        try {
            if (closed || thread != null) {
                throw new IllegalStateException("test pattern source " + options.senderName()
                        + (closed ? " is closed" : " is already started"));
            }
            // Renderers are built here, on the caller's thread, so a missing native library fails start()
            // itself; the capture thread owns and closes them from then on.
            SceneOverlay overlay = new SceneOverlay(options);
            ColorPatternRenderer color = new ColorPatternRenderer(options, overlay);
            InfraredPatternRenderer infrared = new InfraredPatternRenderer(options, overlay);
            thread = new Thread(() -> run(sink, color, infrared), "test-pattern-" + options.senderName());
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
        log.info("sender {}: {} started", options.senderName(), description());
    }

    @Override
    public void demand(Set<String> wanted) {
        Set<String> known = wanted.stream().filter(s -> COLOR.equals(s) || INFRARED.equals(s))
                .collect(Collectors.toUnmodifiableSet());
        lock.lock();
        try {
            if (!known.equals(demand)) {
                demand = known;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The streams drawn now. */
    public Set<String> demand() {
        return demand;
    }

    @Override
    public CameraControls controls() {
        return controls;
    }

    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("sender {}: {} closed", options.senderName(), description());
    }

    private void run(FrameSink sink, ColorPatternRenderer colorRenderer, InfraredPatternRenderer infraredRenderer) {
        try (ColorPatternRenderer color = colorRenderer; InfraredPatternRenderer infrared = infraredRenderer) {
            long startMillis = System.currentTimeMillis();
            long base = 0;
            long tick = 0;
            long colorSeq = 0;
            long infraredSeq = 0;
            boolean idle = true;
            while (true) {
                Set<String> wanted;
                lock.lock();
                try {
                    while (!closed && demand.isEmpty()) {
                        idle = true;
                        changed.awaitUninterruptibly();
                    }
                    if (closed) {
                        return;
                    }
                    if (idle) {
                        idle = false;
                        base = System.nanoTime();
                        tick = 0;
                    }
                    long wait = base + tick * NANOS_PER_SECOND / options.fps() - System.nanoTime();
                    if (wait > 0) {
                        changed.awaitNanos(wait);
                        continue;
                    }
                    wanted = demand;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    lock.unlock();
                }
                long ms = System.currentTimeMillis();
                double t = (ms - startMillis) / 1000.0;
                int brightness = controls.brightness();
                if (wanted.contains(COLOR)) {
                    ByteBuffer pixels = ByteBuffer.allocateDirect(options.width() * options.height() * 3);
                    color.render(pixels, controls.pattern(), t, ms, colorSeq, brightness);
                    deliver(sink, stamped(COLOR, PixelFormat.BGR8, pixels, colorSeq++, ms));
                }
                if (wanted.contains(INFRARED)) {
                    ByteBuffer pixels = ByteBuffer.allocateDirect(options.width() * options.height());
                    infrared.render(pixels, t, ms, infraredSeq, brightness);
                    deliver(sink, stamped(INFRARED, PixelFormat.MONO8, pixels, infraredSeq++, ms));
                }
                tick++;
                // A tick that is due is captured at once (catching up a late wake-up); ticks that fell more
                // than a whole period behind are skipped, so a stall never produces a burst of frames.
                long behind = System.nanoTime() - (base + tick * NANOS_PER_SECOND / options.fps());
                if (behind > 0) {
                    tick += behind * options.fps() / NANOS_PER_SECOND;
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("sender {}: test pattern capture thread failed: {}", options.senderName(), e.toString(), e);
        }
    }

    private CameraFrame stamped(String stream, PixelFormat format, ByteBuffer pixels, long seq, long ms) {
        FrameStamp.encode(pixels, options.width(), options.height(), format, seq, ms);
        return new CameraFrame(stream, options.width(), options.height(), format, pixels, seq, ms);
    }

    private void deliver(FrameSink sink, CameraFrame frame) {
        try {
            sink.accept(frame);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (lastErrorLogNanos == Long.MIN_VALUE || now - lastErrorLogNanos > NANOS_PER_SECOND) {
                lastErrorLogNanos = now;
                log.warn("sender {}: frame consumer failed on {} frame {}: {}", options.senderName(),
                        frame.stream(), frame.sequence(), e.toString());
            }
        }
    }

    /** Synthetic pinhole intrinsics with the principal point in the centre and no distortion. */
    private static Intrinsics pinhole(int w, int h, double hfovDegrees) {
        double f = (w / 2.0) / Math.tan(Math.toRadians(hfovDegrees) / 2.0);
        return new Intrinsics(f, f, w / 2.0, h / 2.0, "none", List.of(0.0, 0.0, 0.0, 0.0, 0.0));
    }
}
