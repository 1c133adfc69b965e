package dev.camrtc.media.frame;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct buffers of one stream's frames, reused: {@link #acquire} hands out a {@link CameraFrame} with
 * one reference whose buffer comes from the pool, and the frame's last {@link CameraFrame#release()} puts the
 * buffer straight back (no GC, finalizer or Cleaner involved). The pool allocates only when every buffer it
 * has is in use, so it grows to the number of frames really in flight (typically 2-4: the one being captured,
 * one parked for an encoder, one being encoded) and then stays there.
 *
 * <p>Bounds: at most {@code maxFrames} buffers exist. When they are all in flight (a consumer that keeps
 * frames and never releases them) or the JVM's direct memory limit is reached, {@code acquire} returns null:
 * the producer skips that frame, and the pool logs it once, naming the limit to raise. A buffer too small for
 * a new frame size is dropped (a size change happens on a camera restart, never per frame).
 *
 * <p>Threading: {@code acquire} and buffer returns are thread-safe (one short lock); usually one producer
 * thread acquires and any consumer thread releases. {@link #close()} drops the idle buffers; buffers still in
 * flight are dropped when their frames are released.
 */
public final class FramePool implements AutoCloseable {

    /** Default bound on buffers per stream: far above what healthy consumers hold in flight. */
    public static final int DEFAULT_MAX_FRAMES = 8;

    private static final Logger LOG = LoggerFactory.getLogger(FramePool.class);

    private final String name;
    private final int maxFrames;
    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
    private final AtomicBoolean exhaustedLogged = new AtomicBoolean();
    private final AtomicBoolean outOfMemoryLogged = new AtomicBoolean();
    private int allocated; // guarded by idle
    private long allocations; // guarded by idle
    private boolean closed; // guarded by idle

    /** @param name for log lines, e.g. {@code "sender-1/color"} */
    public FramePool(String name, int maxFrames) {
        this.name = Objects.requireNonNull(name, "name");
        if (maxFrames < 1) {
            throw new IllegalArgumentException("a frame pool needs room for at least one frame: " + maxFrames);
        }
        this.maxFrames = maxFrames;
    }

    public FramePool(String name) {
        this(name, DEFAULT_MAX_FRAMES);
    }

    public String name() {
        return name;
    }

    /**
     * A frame with one reference (owned by the caller) whose writable buffer holds at least
     * {@code width * height * format.bytesPerPixel()} bytes; its old content is undefined. Null when the pool
     * is at its bound or direct memory is exhausted (logged once per pool), or after {@link #close()}.
     */
    public CameraFrame acquire(String stream, int width, int height, PixelFormat format, long sequence,
                               long captureTimeMillis) {
        int size = Math.multiplyExact(Math.multiplyExact(width, height), format.bytesPerPixel());
        ByteBuffer buffer = take(size);
        if (buffer == null) {
            return null;
        }
        try {
            return new CameraFrame(stream, width, height, format, buffer, sequence, captureTimeMillis, this);
        } catch (RuntimeException e) {
            giveBack(buffer);
            throw e;
        }
    }

    private ByteBuffer take(int size) {
        synchronized (idle) {
            if (closed) {
                return null;
            }
            while (!idle.isEmpty()) {
                ByteBuffer b = idle.pop();
                if (b.capacity() >= size) {
                    return b;
                }
                allocated--; // too small for the new frame size: dropped
            }
            if (allocated >= maxFrames) {
                if (exhaustedLogged.compareAndSet(false, true)) {
                    LOG.warn("frame pool {}: all {} frames are in flight (a consumer keeps frames without releasing"
                            + " them); dropping frames until one comes back", name, maxFrames);
                }
                return null;
            }
            allocated++;
            allocations++;
        }
        try {
            return ByteBuffer.allocateDirect(size);
        } catch (OutOfMemoryError e) {
            synchronized (idle) {
                allocated--;
                allocations--;
            }
            if (outOfMemoryLogged.compareAndSet(false, true)) {
                LOG.error("frame pool {}: cannot allocate a {} byte frame buffer: {}. Raise the JVM's"
                        + " -XX:MaxDirectMemorySize (see README, 'Memory bounds'); dropping frames meanwhile",
                        name, size, e.getMessage());
            }
            return null;
        }
    }

    /** Called by a pooled frame's last release. */
    void giveBack(ByteBuffer buffer) {
        synchronized (idle) {
            if (closed) {
                allocated--;
                return;
            }
            idle.push(buffer);
        }
    }

    /** Buffers that exist now (idle + in flight). */
    public int allocated() {
        synchronized (idle) {
            return allocated;
        }
    }

    /** Buffers in flight now (acquired, not yet released for good). */
    public int inFlight() {
        synchronized (idle) {
            return allocated - (closed ? 0 : idle.size());
        }
    }

    /** Buffers allocated over the pool's life (equal to {@link #allocated()} in a healthy steady state). */
    public long allocations() {
        synchronized (idle) {
            return allocations;
        }
    }

    /** Drops the idle buffers; later acquires return null. Idempotent. */
    @Override
    public void close() {
        synchronized (idle) {
            if (closed) {
                return;
            }
            closed = true;
            allocated -= idle.size();
            idle.clear();
        }
    }
}
