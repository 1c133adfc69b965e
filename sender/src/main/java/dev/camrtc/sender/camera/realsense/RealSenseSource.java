package dev.camrtc.sender.camera.realsense;

import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.camera.CaptureLoop;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.camera.StreamProfile;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.librealsense2.rs2_pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Intel RealSense camera, or a recording of one, as a {@link CameraSource}. The pipeline runs only
 * while some stream is demanded (or always, with {@code alwaysOn}) and only with the demanded streams;
 * a demand change restarts it with the new set. Runs on the {@link CaptureLoop}: an unplugged camera is
 * logged once and looked for every {@code reconnectMillis}; streaming resumes when it is back, and receivers
 * simply see a pause.
 */
public final class RealSenseSource implements CameraSource {
    private static final Logger LOG = LoggerFactory.getLogger(RealSenseSource.class);
    private static final int WAIT_MILLIS = 1000;
    /** A running pipeline that delivers nothing for this long is restarted (stalled camera or playback). */
    private static final long STALL_NANOS = 5_000_000_000L;

    private final RealSenseOptions options;
    private final RealSenseContext context;
    private rs2_pipeline pipelineHandle;
    private long lastFrameNanos;
    /** Paces a real-time recording; null for cameras and as-fast-as-consumed recordings. */
    private final PlaybackPacer pacer;
    private final DeviceInfo device;
    private final Map<RealSenseStream, ActiveStream> resolved;
    /** Metres per depth unit, as the device's depth sensor reports it. */
    private final double depthUnits;
    private final RealSenseFramePublisher publisher;
    private final RealSenseControls controls;
    private final Object lock = new Object();
    private final CaptureLoop<RealSenseStream> loop;
    private RealSensePipeline pipeline; // guarded by lock; written on the capture thread

    /**
     * Opens the context and checks that the device delivers the requested streams; throws
     * CameraUnavailableException (one line: what was looked for and how to fix it) when it is not there.
     */
    public RealSenseSource(RealSenseOptions options) {
        this.options = options;
        this.publisher = new RealSenseFramePublisher(new DepthColorizer(options.depthNear(), options.depthFar()),
                options.alwaysOn());
        this.context = new RealSenseContext();
        rs2_pipeline handle = null;
        try {
            requirePresent();
            handle = context.createPipeline();
            RealSensePipeline.Resolved r = RealSensePipeline.resolve(handle, options.selection(), ordered(options.streams()));
            this.device = r.device();
            this.resolved = options.alignDepth() ? DepthAligner.aligned(r.streams()) : r.streams();
            this.depthUnits = r.depthUnits();
        } catch (RealSenseException e) {
            context.closeLater(handle);
            throw new CameraUnavailableException("cannot use " + options.selection() + " with streams "
                    + ordered(options.streams()).entrySet().stream()
                            .map(w -> w.getKey().streamName() + " " + w.getValue()).collect(Collectors.joining(", "))
                    + ": " + e.getMessage());
        } catch (RuntimeException e) {
            context.closeLater(handle);
            throw e;
        }
        this.pipelineHandle = handle;
        this.pacer = options.selection() instanceof DeviceSelection.Recording r && r.realTime()
                ? new PlaybackPacer(resolved.values().stream().mapToInt(ActiveStream::fps).max().orElse(30)) : null;
        this.controls = new RealSenseControls(this::withDevice);
        this.loop = new CaptureLoop<>(options.label(), options.selection().toString(), "realsense-" + options.label(),
                options.reconnectMillis(), FramePool.DEFAULT_MAX_FRAMES, new Capture());
    }

    private void requirePresent() {
        if (options.selection() instanceof DeviceSelection.Recording r) {
            if (!Files.isReadable(r.file())) {
                throw new CameraUnavailableException("RealSense recording " + r.file() + " does not exist or is not readable");
            }
            return;
        }
        String serial = ((DeviceSelection.Camera) options.selection()).serial();
        if (context.find(serial).isEmpty()) {
            List<DeviceInfo> all = context.devices();
            throw new CameraUnavailableException("no RealSense camera found (looked for "
                    + options.selection() + "; connected: "
                    + (all.isEmpty() ? "none" : all.stream().map(d -> d.name() + " " + d.serial()).collect(Collectors.joining(", ")))
                    + "). Plug it into a USB 3 port and make sure this user may open it (install librealsense's udev rules"
                    + " 99-realsense-libusb.rules, or add the user to the plugdev group), or pass --source testpattern");
        }
    }

    private static Map<RealSenseStream, StreamProfile> ordered(Map<RealSenseStream, StreamProfile> s) {
        return new EnumMap<>(s);
    }

    /** The device as librealsense names it (name, serial). */
    public DeviceInfo device() {
        return device;
    }

    @Override
    public String description() {
        return device.name() + " (serial " + device.serial() + ") " + resolved.values().stream()
                .map(s -> s.stream().streamName() + " " + s.width() + "x" + s.height() + "@" + s.fps())
                .collect(Collectors.joining(", "));
    }

    @Override
    public List<StreamDescription> streams() {
        List<StreamDescription> out = new ArrayList<>();
        for (ActiveStream s : resolved.values()) {
            PixelFormat announced = s.stream() == RealSenseStream.DEPTH ? PixelFormat.BGR8 : s.stream().pixelFormat();
            out.add(new StreamDescription(s.stream().streamName(), s.width(), s.height(), s.fps(), announced.rosEncoding(),
                    s.intrinsics()));
            if (s.stream() == RealSenseStream.DEPTH) {
                // the lossless depth next to its colorized view (PROTOCOL.md 8), in the depth imager's (or aligned: color's) intrinsics
                out.add(StreamDescription.depthDataChannel(RealSenseStream.DEPTH_RAW_NAME, s.width(), s.height(), s.fps(),
                        depthUnits).withIntrinsics(s.intrinsics()));
            }
        }
        return out;
    }

    @Override
    public void start(FrameSink sink) {
        loop.start(sink);
    }

    @Override
    public void demand(Set<String> streams) {
        loop.demand(streams);
    }

    @Override
    public CameraControls controls() {
        return controls;
    }

    /** Buffers in the stream's frame pool (idle and in flight). */
    public int pooledBuffers(String stream) {
        return loop.pooledBuffers(stream);
    }

    /** The device part on the capture loop: one pipeline run per set of wanted streams. */
    private final class Capture implements CaptureLoop.Device<RealSenseStream> {
        private boolean failed;

        /** The RealSense streams the pipeline must run: demanded ones, or all enabled ones when always on. */
        @Override
        public Set<RealSenseStream> needs(Set<String> demand) {
            if (options.alwaysOn()) {
                return resolved.keySet();
            }
            Set<RealSenseStream> s = demand.stream().map(RealSenseStream::byPublishedName).flatMap(java.util.Optional::stream)
                    .filter(resolved::containsKey).collect(Collectors.toUnmodifiableSet());
            return options.alignDepth() ? DepthAligner.withColorForDepth(s) : s;
        }

        @Override
        public void open(Set<RealSenseStream> wanted) {
            if (failed) {
                renewPipelineHandle();
                failed = false;
            }
            try {
                startPipeline(wanted);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void capture(CaptureLoop.Frames frames) throws InterruptedException {
            boolean[] pacingFrame = new boolean[1];
            RealSensePipeline p = pipeline;
            RealSenseStream pacingStream = p.streams().keySet().iterator().next();
            try {
                if (p.next(WAIT_MILLIS, f -> {
                    pacingFrame[0] |= f.stream() == pacingStream;
                    publisher.publish(f, frames);
                })) {
                    lastFrameNanos = System.nanoTime();
                    if (pacer != null && pacingFrame[0]) {
                        pacer.pace();
                    }
                } else if (!present()) {
                    throw new RealSenseException("no frames and the device is gone");
                } else if (System.nanoTime() - lastFrameNanos > STALL_NANOS) {
                    throw new RealSenseException("no frames for " + STALL_NANOS / 1_000_000_000L + " s");
                }
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void stop() {
            stopPipeline(failed ? "error" : "streams changed");
        }

        @Override
        public void release() {
            stopPipeline("closed");
            context.closeLater(pipelineHandle);
        }
    }

    private boolean present() {
        return !(options.selection() instanceof DeviceSelection.Camera c) || context.find(c.serial()).isPresent();
    }

    private void startPipeline(Set<RealSenseStream> wanted) {
        Map<RealSenseStream, StreamProfile> profiles = new EnumMap<>(RealSenseStream.class);
        for (RealSenseStream s : wanted) {
            profiles.put(s, options.streams().get(s));
        }
        RealSensePipeline started = RealSensePipeline.start(pipelineHandle, options.selection(), profiles,
                options.alignDepth());
        synchronized (lock) {
            pipeline = started;
        }
        lastFrameNanos = System.nanoTime();
        if (pacer != null) {
            pacer.reset();
        }
        LOG.info("[{}] RealSense streaming {}", options.label(), profiles.keySet().stream()
                .map(RealSenseStream::streamName).collect(Collectors.joining(", ")));
    }

    private void stopPipeline(String why) {
        synchronized (lock) {
            if (pipeline != null) {
                pipeline.close();
                pipeline = null;
                LOG.info("[{}] RealSense stopped ({})", options.label(), why);
            }
        }
    }

    private <T> T withDevice(String control, DeviceAccess.DeviceAction<T> action) throws ControlException {
        synchronized (lock) {
            if (pipeline != null) {
                return action.apply(pipeline.device());
            }
        }
        if (options.selection() instanceof DeviceSelection.Camera c) {
            try {
                return context.withDevice(c.serial(), d -> {
                    try {
                        return action.apply(d);
                    } catch (ControlException e) {
                        throw new WrappedControlException(e);
                    }
                }).orElseThrow(() -> new WrappedControlException(new ControlException(control,
                        "the RealSense is not connected")));
            } catch (WrappedControlException e) {
                throw e.control;
            }
        }
        throw new ControlException(control, "controls of a recording are available only while it plays (watch a stream)");
    }

    private static final class WrappedControlException extends RuntimeException {
        final ControlException control;

        WrappedControlException(ControlException control) {
            super(control.getMessage(), null, false, false);
            this.control = control;
        }
    }

    @Override
    public void close() {
        loop.close();
    }

    /** After a failure, continue with a fresh pipeline object: a failed start may leave the old one unusable. */
    private void renewPipelineHandle() {
        rs2_pipeline old = pipelineHandle;
        pipelineHandle = context.createPipeline();
        RealSenseContext.deletePipelineLater(old);
    }
}
