package dev.camrtc.sender.camera.javacv;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.CaptureLoop;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A webcam, a video file or an MJPEG camera read through FFmpeg, as one {@code color} stream (bgr8).
 * The grabber is open only while {@code color} is demanded (or always, with {@code alwaysOn}); an MJPEG
 * camera is re-connected on each new demand, so a receiver always starts from the newest frame. Files
 * play at their own frame rate and loop. Runs on the {@link CaptureLoop}: read errors are logged once and
 * retried every {@code retryMillis}.
 */
public final class GrabberSource implements CameraSource {
    public static final String STREAM = "color";
    private static final Logger LOG = LoggerFactory.getLogger(GrabberSource.class);
    private static final int FALLBACK_FPS = 30;

    private final GrabberSpec spec;
    private final boolean alwaysOn;
    private final String label;
    private final StreamDescription description;
    private final CaptureLoop<String> loop;

    /** Opens {@code spec} once to learn its size (and to fail early, with CameraUnavailableException). */
    public GrabberSource(GrabberSpec spec, boolean alwaysOn, int retryMillis, String label) {
        this.spec = spec;
        this.alwaysOn = alwaysOn;
        this.label = label == null ? "sender" : label;
        String name = this.label;
        try (GrabberSession probe = GrabberSession.open(spec)) {
            this.description = new StreamDescription(STREAM, probe.width(), probe.height(), probe.fps(FALLBACK_FPS),
                    PixelFormat.BGR8.rosEncoding());
        }
        this.loop = new CaptureLoop<>(name, spec.toString(), "grabber-" + name, retryMillis,
                FramePool.DEFAULT_MAX_FRAMES, new Reader());
    }

    @Override
    public String description() {
        return spec + " " + description.width() + "x" + description.height() + "@" + description.fps();
    }

    @Override
    public List<StreamDescription> streams() {
        return List.of(description);
    }

    @Override
    public void start(FrameSink sink) {
        loop.start(sink);
    }

    @Override
    public void demand(Set<String> streams) {
        loop.demand(streams);
    }

    /** The device part: one open grabber while {@code color} is wanted; files are paced and looped. */
    private final class Reader implements CaptureLoop.Device<String> {
        private GrabberSession session;
        private long loopStartNanos;

        @Override
        public Set<String> needs(Set<String> demand) {
            return alwaysOn || demand.contains(STREAM) ? Set.of(STREAM) : Set.of();
        }

        @Override
        public void open(Set<String> what) {
            session = GrabberSession.open(spec);
            loopStartNanos = System.nanoTime();
            LOG.info("[{}] capturing {}", label, spec);
        }

        @Override
        public void capture(CaptureLoop.Frames frames) throws Exception {
            boolean paced = spec.kind() == GrabberSpec.Kind.FILE;
            if (!session.grab()) {
                if (!paced) {
                    throw new IllegalStateException("the stream ended");
                }
                session.rewind();
                loopStartNanos = System.nanoTime();
                return;
            }
            if (paced && !frames.waitUntil(loopStartNanos + session.timestampMicros() * 1000)) {
                return;
            }
            CameraFrame frame = frames.acquire(STREAM, session.width(), session.height(), PixelFormat.BGR8,
                    System.currentTimeMillis());
            if (frame != null) {
                session.copyTo(frame.writablePixels());
                frames.deliver(frame);
            }
        }

        @Override
        public void stop() {
            if (session != null) {
                session.close();
                session = null;
                LOG.info("[{}] stopped capturing {}", label, spec);
            }
        }
    }

    @Override
    public CameraControls controls() {
        return CameraControls.none();
    }

    @Override
    public void close() {
        loop.close();
    }
}
