package dev.camrtc.sender.camera.javacv;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A webcam, a video file or an MJPEG camera read through FFmpeg, as one {@code color} stream (bgr8).
 * The grabber is open only while {@code color} is demanded (or always, with {@code alwaysOn}); an MJPEG
 * camera is re-connected on each new demand, so a receiver always starts from the newest frame. Files
 * play at their own frame rate and loop. Read errors are logged once and retried every {@code retryMillis}.
 */
public final class GrabberSource implements CameraSource {
    public static final String STREAM = "color";
    private static final Logger log = LoggerFactory.getLogger(GrabberSource.class);
    private static final int FALLBACK_FPS = 30;

    private final GrabberSpec spec;
    private final boolean alwaysOn;
    private final int retryMillis;
    private final String label;
    private final StreamDescription description;
    private final Object lock = new Object();
    private volatile boolean demanded;
    private volatile boolean closed;
    private Thread worker;

    /** Opens {@code spec} once to learn its size (and to fail early, with CameraUnavailableException). */
    public GrabberSource(GrabberSpec spec, boolean alwaysOn, int retryMillis, String label) {
        this.spec = spec;
        this.alwaysOn = alwaysOn;
        this.retryMillis = retryMillis;
        this.label = label == null ? "sender" : label;
        try (GrabberSession probe = GrabberSession.open(spec)) {
            this.description = new StreamDescription(STREAM, probe.width(), probe.height(), probe.fps(FALLBACK_FPS),
                    PixelFormat.BGR8.rosEncoding());
        }
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
    public synchronized void start(FrameSink sink) {
        if (worker != null) {
            throw new IllegalStateException("already started");
        }
        worker = new Thread(() -> run(sink), "grabber-" + label);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void demand(Set<String> streams) {
        boolean now = streams.contains(STREAM);
        if (now != demanded) {
            demanded = now;
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    private boolean wanted() {
        return alwaysOn || demanded;
    }

    private void run(FrameSink sink) {
        long sequence = 0;
        boolean failing = false;
        while (!closed) {
            if (!wanted()) {
                pause(0);
                continue;
            }
            try (GrabberSession session = GrabberSession.open(spec)) {
                if (failing) {
                    log.info("[{}] {} is back", label, spec);
                    failing = false;
                }
                log.info("[{}] capturing {}", label, spec);
                sequence = capture(session, sink, sequence);
                log.info("[{}] stopped capturing {}", label, spec);
            } catch (Exception e) {
                if (!failing) {
                    log.warn("[{}] {} failed ({}); receivers stay connected, retrying every {} ms", label, spec,
                            e.getMessage(), retryMillis);
                    failing = true;
                }
                pause(retryMillis);
            }
        }
    }

    /** Reads until demand ends or the source closes; returns the next sequence number. */
    private long capture(GrabberSession session, FrameSink sink, long sequence) throws Exception {
        boolean paced = spec.kind() == GrabberSpec.Kind.FILE;
        long loopStartNanos = System.nanoTime();
        while (!closed && wanted()) {
            ByteBuffer pixels = session.next();
            if (pixels == null) {
                if (!paced) {
                    throw new IllegalStateException("the stream ended");
                }
                session.rewind();
                loopStartNanos = System.nanoTime();
                continue;
            }
            if (paced) {
                long dueNanos = loopStartNanos + session.timestampMicros() * 1000;
                long waitMillis = (dueNanos - System.nanoTime()) / 1_000_000;
                if (waitMillis > 0) {
                    pause(waitMillis);
                }
            }
            sink.accept(new CameraFrame(STREAM, session.width(), session.height(), PixelFormat.BGR8, pixels,
                    ++sequence, System.currentTimeMillis()));
        }
        return sequence;
    }

    private void pause(long millis) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                lock.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    @Override
    public CameraControls controls() {
        return NO_CONTROLS;
    }

    private static final CameraControls NO_CONTROLS = new CameraControls() {
        @Override
        public List<ControlInfo> list() {
            return List.of();
        }

        @Override
        public Object get(String name) throws ControlException {
            throw new ControlException(name, "this source has no camera controls");
        }

        @Override
        public Object set(String name, Object value) throws ControlException {
            throw new ControlException(name, "this source has no camera controls");
        }
    };

    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            w = worker;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
