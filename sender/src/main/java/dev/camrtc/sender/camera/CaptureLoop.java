package dev.camrtc.sender.camera;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * called from any thread; they wake the loop (also out of {@link Frames#waitUntil}). After {@link #close()}
 * returns the device is stopped and released and the sink is never called again (unless the join timed out,
 * which is logged).
 *
 * <p>Frames: {@link Frames#acquire} takes a buffer from the stream's {@link FramePool} and numbers it (per
 * stream, from 0); {@link Frames#deliver} hands it to the sink and then releases the loop's reference, so
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
         * delivered; null when the pool is exhausted (the device skips the frame; logged by the pool).
         */
        CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMillis);

        /**
         * Like {@link #acquire(String, int, int, PixelFormat, long)} but with the given frame counter, for a
         * stream that carries the counter of another stream of the same tick (e.g. depth paired with color).
         */
        CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMillis,
                            long sequence);

        /** Hands {@code frame} to the sink and releases the loop's reference (also when the sink throws). */
        void deliver(CameraFrame frame);

        /** Waits until {@code System.nanoTime()} reaches {@code deadline}; false when woken early by a demand change or close. */
        boolean waitUntil(long deadlineNanos);
    }

    private static final Logger log = LoggerFactory.getLogger(CaptureLoop.class);
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final String label;
    private final String what;
    private final String threadName;
    private final long retryMillis;
    private final int maxFramesInFlight;
    private final Device<K> device;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, FramePool> pools = new HashMap<>(); // loop thread only
    private final Map<String, Long> sequences = new HashMap<>(); // loop thread only
    private Set<String> demand = Set.of(); // guarded by lock
    private long generation; // guarded by lock: +1 per demand change or close
    private boolean closed; // guarded by lock
    private Thread thread; // guarded by lock
    private long lastSinkErrorNanos = Long.MIN_VALUE; // loop thread only

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
        this.maxFramesInFlight = maxFramesInFlight;
        this.device = Objects.requireNonNull(device, "device");
    }

    /** Starts the capture thread delivering to {@code sink}. Once. */
    public void start(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        lock.lock();
        try {
            if (closed || thread != null) {
                throw new IllegalStateException(what + " of sender " + label + (closed ? " is closed" : " is already started"));
            }
            thread = new Thread(() -> run(sink), threadName);
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** Sets the demanded streams; wakes the loop when they changed. */
    public void demand(Set<String> streams) {
        Set<String> copy = Set.copyOf(streams);
        lock.lock();
        try {
            if (!copy.equals(demand)) {
                demand = copy;
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The demanded streams now. */
    public Set<String> demand() {
        lock.lock();
        try {
            return demand;
        } finally {
            lock.unlock();
        }
    }

    /** Buffers held by the stream's pool (idle and in flight), 0 before its first frame. For tests and stats. */
    public int pooledBuffers(String stream) {
        FramePool pool;
        synchronized (pools) {
            pool = pools.get(stream);
        }
        return pool == null ? 0 : pool.allocated();
    }

    /** Frames of the stream acquired and not yet released by everyone now. For tests and stats. */
    public int framesInFlight(String stream) {
        FramePool pool;
        synchronized (pools) {
            pool = pools.get(stream);
        }
        return pool == null ? 0 : pool.inFlight();
    }

    /** Stops the thread, waits for it (the device is stopped and released on it). Idempotent. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            changed.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
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
                log.warn("[{}] capture thread of {} did not stop within {} ms", label, what, JOIN_MILLIS);
            }
        }
    }

    private void run(FrameSink sink) {
        Set<K> open = Set.of();
        boolean failing = false;
        FramesImpl frames = new FramesImpl(sink);
        try {
            while (true) {
                Set<String> wanted;
                long gen;
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    wanted = demand;
                    gen = generation;
                } finally {
                    lock.unlock();
                }
                try {
                    Set<K> needs = device.needs(wanted);
                    if (needs.isEmpty()) {
                        open = stop(open);
                        awaitChange(gen, 0);
                        continue;
                    }
                    if (!needs.equals(open)) {
                        open = stop(open);
                        device.open(needs);
                        open = needs;
                        if (failing) {
                            log.info("[{}] {} is back, streaming resumed", label, what);
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
                        log.warn("[{}] {} failed ({}); receivers stay connected, retrying every {} ms", label, what,
                                why, retryMillis);
                        failing = true;
                    }
                    awaitChange(gen, retryMillis);
                }
            }
        } finally {
            stop(open);
            device.release();
            synchronized (pools) {
                pools.values().forEach(FramePool::close);
            }
        }
    }

    private Set<K> stop(Set<K> open) {
        if (!open.isEmpty()) {
            try {
                device.stop();
            } catch (RuntimeException e) {
                log.warn("[{}] stopping {} failed: {}", label, what, e.toString());
            }
        }
        return Set.of();
    }

    /** Waits for a demand change or close after generation {@code gen}, at most {@code millis} (0 = no limit). */
    private void awaitChange(long gen, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (generation == gen) {
                if (millis == 0) {
                    changed.awaitUninterruptibly();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
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
        public CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMillis) {
            FramePool pool;
            synchronized (pools) {
                pool = pools.computeIfAbsent(stream, s -> new FramePool(label + "/" + s, maxFramesInFlight));
            }
            long seq = sequences.getOrDefault(stream, 0L);
            CameraFrame frame = pool.acquire(stream, width, height, format, seq, captureTimeMillis);
            if (frame != null) {
                sequences.put(stream, seq + 1);
            }
            return frame;
        }

        @Override
        public CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMillis,
                                   long sequence) {
            FramePool pool;
            synchronized (pools) {
                pool = pools.computeIfAbsent(stream, s -> new FramePool(label + "/" + s, maxFramesInFlight));
            }
            CameraFrame frame = pool.acquire(stream, width, height, format, sequence, captureTimeMillis);
            if (frame != null) {
                sequences.put(stream, sequence + 1);
            }
            return frame;
        }

        @Override
        public void deliver(CameraFrame frame) {
            try {
                sink.accept(frame);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                if (lastSinkErrorNanos == Long.MIN_VALUE || now - lastSinkErrorNanos > 1_000_000_000L) {
                    lastSinkErrorNanos = now;
                    log.warn("[{}] frame consumer failed on {}: {}", label, frame, e.toString());
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public boolean waitUntil(long deadlineNanos) {
            lock.lock();
            try {
                long gen = generation;
                while (generation == gen) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return true;
                    }
                    changed.awaitNanos(left);
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }
}
