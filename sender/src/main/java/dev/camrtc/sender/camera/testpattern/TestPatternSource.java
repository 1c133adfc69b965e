package dev.camrtc.sender.camera.testpattern;

import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.CaptureLoop;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic camera, default source of a sender: streams {@value #COLOR} (bgr8) and {@value #INFRARED}
 * (mono8) with moving, camera-like content, the sender name and the clock, and in every frame the
 * {@link FrameStamp} (PROTOCOL.md section 7) of its frame counter ({@link CameraFrame#sequence()}) and
 * capture time ({@link CameraFrame#captureTimeMillis()}).
 *
 * <p>Runs on the {@link CaptureLoop}: each capture waits for the next tick of a fixed schedule (tick n at
 * start + n / fps, so no drift; a late tick is captured at once, ticks more than one period behind are
 * skipped, not bunched) and draws only the demanded streams into pooled frames. Both streams of a tick share
 * one capture time. The frame counter of each stream starts at 0 and grows by one per frame of that stream.
 */
public final class TestPatternSource implements CameraSource {

    public static final String COLOR = "color";
    public static final String INFRARED = "infrared";
    /** Lossless depth (16UC1 on a data channel, PROTOCOL.md 8), only with {@link TestPatternOptions#depth()}. */
    public static final String DEPTH_Z16 = "depth_z16";

    private static final Logger LOG = LoggerFactory.getLogger(TestPatternSource.class);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Horizontal field of view of the synthetic intrinsics (a D435's colour and infrared imagers). */
    private static final double COLOR_HFOV_DEGREES = 69.0;
    private static final double INFRARED_HFOV_DEGREES = 87.0;
    private static final long RETRY_MILLIS = 1000;

    private final TestPatternOptions options;
    private final TestPatternControls controls = new TestPatternControls();
    private final List<StreamDescription> streams;
    private final CaptureLoop<String> loop;
    private final long startMillis = System.currentTimeMillis();

    public TestPatternSource(TestPatternOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        int w = options.width();
        int h = options.height();
        List<StreamDescription> all = new java.util.ArrayList<>(List.of(
                new StreamDescription(COLOR, w, h, options.fps(), PixelFormat.BGR8.rosEncoding())
                        .withIntrinsics(pinhole(w, h, COLOR_HFOV_DEGREES)),
                new StreamDescription(INFRARED, w, h, options.fps(), PixelFormat.MONO8.rosEncoding())
                        .withIntrinsics(pinhole(w, h, INFRARED_HFOV_DEGREES))));
        if (options.depth()) {
            // A D435's depth is computed in the left infrared imager's frame: same intrinsics.
            all.add(StreamDescription.depthDataChannel(DEPTH_Z16, w, h, options.fps(), DepthTestPattern.DEPTH_UNITS)
                    .withIntrinsics(pinhole(w, h, INFRARED_HFOV_DEGREES)));
        }
        this.streams = List.copyOf(all);
        this.loop = new CaptureLoop<>(options.senderName(), description(), "test-pattern-" + options.senderName(),
                RETRY_MILLIS, FramePool.DEFAULT_MAX_FRAMES, new Renderer());
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
        loop.start(sink);
        LOG.info("sender {}: {} started", options.senderName(), description());
    }

    @Override
    public void demand(Set<String> wanted) {
        loop.demand(wanted);
    }

    /** The streams drawn now. */
    public Set<String> demand() {
        return loop.demand().stream().filter(TestPatternSource.this::draws).collect(Collectors.toUnmodifiableSet());
    }

    private boolean draws(String stream) {
        return COLOR.equals(stream) || INFRARED.equals(stream) || (options.depth() && DEPTH_Z16.equals(stream));
    }

    /** Buffers in the stream's frame pool (idle and in flight). */
    public int pooledBuffers(String stream) {
        return loop.pooledBuffers(stream);
    }

    /** Frames of the stream in flight now (acquired, not yet released by every consumer). */
    public int framesInFlight(String stream) {
        return loop.framesInFlight(stream);
    }

    @Override
    public CameraControls controls() {
        return controls;
    }

    @Override
    public void close() {
        loop.close();
        LOG.info("sender {}: {} closed", options.senderName(), description());
    }

    /** The device part: renderers (native OpenCV images) and the tick schedule, on the loop thread. */
    private final class Renderer implements CaptureLoop.Device<String> {
        private ColorPatternRenderer color;
        private InfraredPatternRenderer infrared;
        private long base;
        private long tick;

        @Override
        public Set<String> needs(Set<String> demand) {
            return demand.stream().filter(TestPatternSource.this::draws).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public void open(Set<String> what) {
            if (color == null) {
                SceneOverlay overlay = new SceneOverlay(options);
                color = new ColorPatternRenderer(options, overlay);
                infrared = new InfraredPatternRenderer(options, overlay);
            }
            base = System.nanoTime();
            tick = 0;
        }

        @Override
        public void capture(CaptureLoop.Frames frames) {
            if (!frames.waitUntil(base + tick * NANOS_PER_SECOND / options.fps())) {
                return; // demand changed or closing: the loop looks again
            }
            Set<String> wanted = frames.demand();
            long ms = System.currentTimeMillis();
            double t = (ms - startMillis) / 1000.0;
            int brightness = controls.brightness();
            long counter = -1; // the stamp counter of this tick's video frames, for depth
            if (wanted.contains(COLOR)) {
                CameraFrame f = frames.acquire(COLOR, options.width(), options.height(), PixelFormat.BGR8, ms);
                if (f != null) {
                    ByteBuffer pixels = f.writablePixels();
                    color.render(pixels, controls.pattern(), t, ms, f.sequence(), brightness);
                    stamp(f, pixels);
                    counter = f.sequence();
                    frames.deliver(f);
                }
            }
            if (wanted.contains(INFRARED)) {
                CameraFrame f = frames.acquire(INFRARED, options.width(), options.height(), PixelFormat.MONO8, ms);
                if (f != null) {
                    ByteBuffer pixels = f.writablePixels();
                    infrared.render(pixels, t, ms, f.sequence(), brightness);
                    stamp(f, pixels);
                    counter = counter < 0 ? f.sequence() : counter;
                    frames.deliver(f);
                }
            }
            if (options.depth() && wanted.contains(DEPTH_Z16)) {
                drawDepth(frames, ms, counter);
            }
            tick++;
            // A tick that is due is captured at once (catching up a late wake-up); ticks that fell more
            // than a whole period behind are skipped, so a stall never produces a burst of frames.
            long behind = System.nanoTime() - (base + tick * NANOS_PER_SECOND / options.fps());
            if (behind > 0) {
                tick += behind * options.fps() / NANOS_PER_SECOND;
            }
        }

        /**
         * Depth of PROTOCOL.md 8 with the counter of this tick's video frames (color's, else infrared's), or
         * its own next counter when no video is drawn; 16-bit little-endian, no row padding.
         */
        private void drawDepth(CaptureLoop.Frames frames, long ms, long videoCounter) {
            CameraFrame f = videoCounter < 0
                    ? frames.acquire(DEPTH_Z16, options.width(), options.height(), PixelFormat.Z16, ms)
                    : frames.acquire(DEPTH_Z16, options.width(), options.height(), PixelFormat.Z16, ms, videoCounter);
            if (f != null) {
                DepthTestPattern.fill(f.writablePixels(), f.width(), f.height(), f.sequence() & 0xFFFF_FFFFL);
                frames.deliver(f);
            }
        }

        private void stamp(CameraFrame f, ByteBuffer pixels) {
            FrameStamp.encode(pixels, f.width(), f.height(), f.format(), f.sequence(), f.captureTimeMillis());
        }

        @Override
        public void stop() {
            // nothing runs between ticks
        }

        @Override
        public void release() {
            if (color != null) {
                color.close();
                infrared.close();
            }
        }
    }

    /** Synthetic pinhole intrinsics with the principal point in the centre and no distortion. */
    private static Intrinsics pinhole(int w, int h, double hfovDegrees) {
        double f = (w / 2.0) / Math.tan(Math.toRadians(hfovDegrees) / 2.0);
        return new Intrinsics(f, f, w / 2.0, h / 2.0, "none", List.of(0.0, 0.0, 0.0, 0.0, 0.0));
    }
}
