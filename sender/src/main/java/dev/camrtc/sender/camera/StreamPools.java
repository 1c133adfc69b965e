package dev.camrtc.sender.camera;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames side of a {@link CaptureLoop}: one {@link FramePool} per stream (made at its first frame), the
 * per-stream frame counters, and delivery to the sink with its consumer errors logged at most once a second.
 *
 * <p>Threads: acquiring, numbering and delivering run on the loop thread only; the pool map is also read by
 * {@link #pooledBuffers} and {@link #framesInFlight} from any thread (stats, tests), so it is guarded by its
 * own monitor. {@link #close()} runs last, on the loop thread.
 */
final class StreamPools implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPools.class);

    private final String label;
    private final int maxFramesInFlight;
    private final Map<String, FramePool> pools = new HashMap<>(); // guarded by itself
    private final Map<String, Long> sequences = new HashMap<>(); // loop thread only
    private long lastSinkErrorNanos = Long.MIN_VALUE; // loop thread only

    /**
     * @param label             the sender's name, for the pools' log lines
     * @param maxFramesInFlight buffers one stream's pool holds at most
     */
    StreamPools(String label, int maxFramesInFlight) {
        this.label = label;
        this.maxFramesInFlight = maxFramesInFlight;
    }

    /** See {@link CaptureLoop.Frames#acquireMicros(String, int, int, PixelFormat, long, long)}. */
    CameraFrame acquire(String stream, int width, int height, PixelFormat format, long captureTimeMicros,
                        long sequence) {
        FramePool pool;
        synchronized (pools) {
            pool = pools.computeIfAbsent(stream, s -> new FramePool(label + "/" + s, maxFramesInFlight));
        }
        CameraFrame frame = pool.acquireMicros(stream, width, height, format, sequence, captureTimeMicros);
        if (frame != null) {
            sequences.put(stream, sequence + 1);
        }
        return frame;
    }

    /** The stream's next frame number: one past the last frame acquired, 0 at first. */
    long nextSequence(String stream) {
        return sequences.getOrDefault(stream, 0L);
    }

    /** Hands {@code frame} to {@code sink} and releases the loop's reference (also when the sink throws). */
    void deliver(FrameSink sink, CameraFrame frame) {
        try {
            sink.accept(frame);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (lastSinkErrorNanos == Long.MIN_VALUE || now - lastSinkErrorNanos > 1_000_000_000L) {
                lastSinkErrorNanos = now;
                LOG.warn("[{}] frame consumer failed on {}: {}", label, frame, e.toString());
            }
        } finally {
            frame.release();
        }
    }

    /** Buffers held by the stream's pool (idle and in flight), 0 before its first frame. */
    int pooledBuffers(String stream) {
        FramePool pool = pool(stream);
        return pool == null ? 0 : pool.allocated();
    }

    /** Frames of the stream acquired and not yet released by everyone now. */
    int framesInFlight(String stream) {
        FramePool pool = pool(stream);
        return pool == null ? 0 : pool.inFlight();
    }

    private FramePool pool(String stream) {
        synchronized (pools) {
            return pools.get(stream);
        }
    }

    /** Closes every pool (their buffers go back once the frames still lent out are released). */
    @Override
    public void close() {
        synchronized (pools) {
            pools.values().forEach(FramePool::close);
        }
    }
}
