package dev.camrtc.sender.camera;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one capture thread of every camera source: the demand set, idling while nothing is demanded,
 * (re)opening the device when what it must capture changes, retrying a failed device every
 * {@code retryMillis} with one log line (and one when it is back), the frame pools, delivery, and
 * close-and-join. A source supplies only a {@link Device}: what to open for a demand and "capture the next
 * frame(s) into buffers from {@link Frames}".
 *
 * <p>Threads: {@link Device} methods run on the loop thread only. {@link #demand} and {@link #close} may be
 * called from any thread; they wake the loop (also out of {@link Frames#waitUntil}) through its
 * {@link DemandSignal}. After {@link #close()}
 * returns the device is stopped and released and the sink is never called again (unless the join timed out,
 * which is logged).
 *
 * <p>Frames ({@link StreamPools}): {@link Frames#acquire} takes a buffer from the stream's
 * {@code FramePool} and numbers it (per stream, from 0); {@link Frames#deliver} hands it to the sink and then releases the loop's reference, so
 * a consumer that keeps a frame must {@link CameraFrame#retain()} it (see CameraFrame).
 *
 * @param <K> what the device opens for a demand (stream names, RealSense streams, ...)
 */
public final class CaptureLoop<K> implements AutoCloseable {

    /** The camera-specific part of a source. All methods run on the loop thread. */
    public interface Device<K> {
        /** What must be captured for {@code demand} (unknown names ignored); empty = nothing, idle. */
        Set<K> needs(Set<String> demand);

        /** Starts capturing {@code what} (not empty); throws when the camera cannot. */
        void open(Set<K> what) throws Exception;

        /**
         * Captures the next frame(s) of the open device and delivers them through {@code frames}; returns
         * after at most about a second also when nothing came. Throws when the device failed.
         */
        void capture(Frames frames) throws Exception;

        /** Stops capturing; may be called when not open. */
        void stop();

        /** Frees what the device holds for its whole life; called once, last, on the loop thread. */
        default void release() {
        }
    }

    /** Frame services of the loop, for {@link Device#capture}. */
    public interface Frames {
        /** The streams demanded now. */
        Set<String> demand();

        /**
         * A pooled frame with the next sequence number of {@code stream}, one reference, writable until
         * delivered, captured at {@code captureTimeMicros} (wall clock, microseconds since the Unix epoch); null
         * when the pool is exhausted (the device skips the frame; logged by the pool).
         */
        CameraFrame acquireMicros(String stream, int width, int height, PixelFormat format, long captureTimeMicros);

        /**
         * Like {@link #acquireMicros(String, int, int, PixelFormat, long)} but with the given frame counter, for a
         * stream that carries the counter of another stream of the same tick (e.g. depth paired with color).
         */
        CameraFrame acquireMicros(String stream, int width, int height, PixelFormat format, long captureTimeMicros,
                                  long sequence);

        /** {@link #acquireMicros(String, int, int, PixelFormat, long)} for a source that reads milliseconds. */
        default CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMillis) {
            return acquireMicros(stream, width, height, format, CameraFrame.microsOf(captureTimeMillis));
        }

        /** {@link #acquireMicros(String, int, int, PixelFormat, long, long)} for a source that reads milliseconds. */
        default CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMillis,
                                    long sequence) {
            return acquireMicros(stream, width, height, format, CameraFrame.microsOf(captureTimeMillis), sequence);
        }

        /** Hands {@code frame} to the sink and releases the loop's reference (also when the sink throws). */
        void deliver(CameraFrame frame);

        /** Waits until {@code System.nanoTime()} reaches {@code deadline}; false when woken early by a demand change or close. */
        boolean waitUntil(long deadlineNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CaptureLoop.class);
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final String label;
    private final String what;
    private final String threadName;
    private final long retryMillis;
    private final Device<K> device;
    private final DemandSignal signal = new DemandSignal();
    private final StreamPools pools;
    private volatile Thread thread; // set once, under the signal's lock while open

    /**
     * @param label      the sender's name, for log lines
     * @param what       the camera, for log lines (e.g. {@code "webcam /dev/video0"})
     * @param threadName name of the capture thread
     */
    public CaptureLoop(String label, String what, String threadName, long retryMillis, int maxFramesInFlight,
                       Device<K> device) {
        this.label = Objects.requireNonNull(label, "label");
        this.what = Objects.requireNonNull(what, "what");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        if (retryMillis <= 0) {
            throw new IllegalArgumentException("retry interval must be positive: " + retryMillis);
        }
        this.retryMillis = retryMillis;
        this.pools = new StreamPools(label, maxFramesInFlight);
        this.device = Objects.requireNonNull(device, "device");
    }

    /** Starts the capture thread delivering to {@code sink}. Once. */
    public void start(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        boolean open = signal.whileOpen(() -> {
            if (thread != null) {
                throw new IllegalStateException(what + " of sender " + label + " is already started");
            }
            thread = new Thread(() -> run(sink), threadName);
            thread.setDaemon(true);
            thread.start();
        });
        if (!open) {
            throw new IllegalStateException(what + " of sender " + label + " is closed");
        }
    }

    /** Sets the demanded streams; wakes the loop when they changed. */
    public void demand(Set<String> streams) {
        signal.demand(streams);
    }

    /** The demanded streams now. */
    public Set<String> demand() {
        return signal.demand();
    }

    /** Buffers held by the stream's pool (idle and in flight), 0 before its first frame. For tests and stats. */
    public int pooledBuffers(String stream) {
        return pools.pooledBuffers(stream);
    }

    /** Frames of the stream acquired and not yet released by everyone now. For tests and stats. */
    public int framesInFlight(String stream) {
        return pools.framesInFlight(stream);
    }

    /** Stops the thread, waits for it (the device is stopped and released on it). Idempotent. */
    @Override
    public void close() {
        if (!signal.close()) {
            return;
        }
        Thread t = thread;
        if (t == null) {
            device.release();
            return;
        }
        if (t != Thread.currentThread()) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("[{}] capture thread of {} did not stop within {} ms", label, what, JOIN_MILLIS);
            }
        }
    }

    private void run(FrameSink sink) {
        Set<K> open = Set.of();
        boolean failing = false;
        FramesImpl frames = new FramesImpl(sink);
        try {
            while (true) {
                DemandSignal.Snapshot now = signal.now();
                if (now.closed()) {
                    return;
                }
                Set<String> wanted = now.demand();
                long gen = now.generation();
                try {
                    Set<K> needs = device.needs(wanted);
                    if (needs.isEmpty()) {
                        open = stop(open);
                        signal.awaitChange(gen, 0);
                        continue;
                    }
                    if (!needs.equals(open)) {
                        open = stop(open);
                        device.open(needs);
                        open = needs;
                        if (failing) {
                            LOG.info("[{}] {} is back, streaming resumed", label, what);
                            failing = false;
                        }
                    }
                    frames.demand = wanted;
                    device.capture(frames);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | LinkageError | OutOfMemoryError e) {
                    open = stop(open);
                    if (!failing) {
                        String why = e.getMessage() == null ? e.toString() : e.getMessage();
                        if (e instanceof OutOfMemoryError) {
                            why = "out of memory: " + why + "; raise the JVM bound it names (README, 'Memory bounds')";
                        }
                        LOG.warn("[{}] {} failed ({}); receivers stay connected, retrying every {} ms", label, what,
                                why, retryMillis);
                        failing = true;
                    }
                    signal.awaitChange(gen, retryMillis);
                }
            }
        } finally {
            stop(open);
            device.release();
            pools.close();
        }
    }

    private Set<K> stop(Set<K> open) {
        if (!open.isEmpty()) {
            try {
                device.stop();
            } catch (RuntimeException e) {
                LOG.warn("[{}] stopping {} failed: {}", label, what, e.toString());
            }
        }
        return Set.of();
    }

    private final class FramesImpl implements Frames {
        private final FrameSink sink;
        private volatile Set<String> demand = Set.of();

        FramesImpl(FrameSink sink) {
            this.sink = sink;
        }

        @Override
        public Set<String> demand() {
            return demand;
        }

        @Override
        public CameraFrame acquireMicros(String stream, int width, int height, PixelFormat format,
                                         long captureTimeMicros) {
            return pools.acquire(stream, width, height, format, captureTimeMicros, pools.nextSequence(stream));
        }

        @Override
        public CameraFrame acquireMicros(String stream, int width, int height, PixelFormat format,
                                         long captureTimeMicros, long sequence) {
            return pools.acquire(stream, width, height, format, captureTimeMicros, sequence);
        }

        @Override
        public void deliver(CameraFrame frame) {
            pools.deliver(sink, frame);
        }

        @Override
        public boolean waitUntil(long deadlineNanos) {
            return signal.waitUntil(deadlineNanos);
        }
    }
}
