package dev.camrtc.media.frame;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native buffers of one stream's frames, reused: {@link #acquire} hands out a {@link CameraFrame} with
 * one reference whose buffer comes from the pool, and the frame's last {@link CameraFrame#release()} puts the
 * buffer straight back (no GC, finalizer or Cleaner involved). The pool allocates only when every buffer it
 * has is in use, so it grows to the number of frames really in flight (typically 2-4: the one being captured,
 * one parked for an encoder, one being encoded) and then stays there.
 *
 * <p>Bounds: at most {@code maxFrames} buffers exist. When they are all in flight (a consumer that keeps
 * frames and never releases them) or the native allocation fails, {@code acquire} returns null: the producer
 * skips that frame, and the pool logs it once. Each buffer is a direct view of its own JNA {@link Memory},
 * freed at once (never left to the GC) when the pool drops it: a buffer too small for a new frame size (a
 * size change happens on a camera restart, never per frame), the idle buffers on {@link #close()}, and a
 * buffer in flight at close when its frame's last reference is released. A released frame's buffer must not
 * be touched any more (the frame API enforces it).
 *
 * <p>Threading: {@code acquire} and buffer returns are thread-safe (one short lock); usually one producer
 * thread acquires and any consumer thread releases. {@link #close()} frees the idle buffers; buffers still in
 * flight are freed when their frames are released.
 */
public final class FramePool implements AutoCloseable {

    /** Default bound on buffers per stream: far above what healthy consumers hold in flight. */
    public static final int DEFAULT_MAX_FRAMES = 8;

    private static final Logger LOG = LoggerFactory.getLogger(FramePool.class);

    private final String name;
    private final int maxFrames;
    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
    private final Map<ByteBuffer, Memory> owned = new IdentityHashMap<>(); // every buffer that exists; guarded by idle
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
        return acquireMicros(stream, width, height, format, sequence, CameraFrame.microsOf(captureTimeMillis));
    }

    /**
     * Like {@link #acquire} with the capture time in microseconds since the Unix epoch (a source whose clock is
     * finer than milliseconds, e.g. a ROS header.stamp).
     */
    public CameraFrame acquireMicros(String stream, int width, int height, PixelFormat format, long sequence,
                                     long captureTimeMicros) {
        int size = Math.multiplyExact(Math.multiplyExact(width, height), format.bytesPerPixel());
        ByteBuffer buffer = take(size);
        if (buffer == null) {
            return null;
        }
        try {
            return new CameraFrame(stream, width, height, format, buffer, sequence, captureTimeMicros, this);
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
                free(b); // too small for the new frame size
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
            Memory memory = new Memory(size);
            ByteBuffer buffer = memory.getByteBuffer(0, size);
            synchronized (idle) {
                owned.put(buffer, memory);
            }
            return buffer;
        } catch (OutOfMemoryError e) {
            synchronized (idle) {
                allocated--;
                allocations--;
            }
            if (outOfMemoryLogged.compareAndSet(false, true)) {
                LOG.error("frame pool {}: cannot allocate a {} byte native frame buffer: {}. The machine is out of"
                        + " memory (see README, 'Memory bounds'); dropping frames meanwhile", name, size, e.getMessage());
            }
            return null;
        }
    }

    /** Called by a pooled frame's last release. */
    void giveBack(ByteBuffer buffer) {
        synchronized (idle) {
            if (closed) {
                free(buffer);
                return;
            }
            idle.push(buffer);
        }
    }

    /** Frees {@code buffer}'s native memory now. Caller holds the lock on idle. */
    private void free(ByteBuffer buffer) {
        Memory memory = owned.remove(buffer);
        if (memory != null) {
            memory.close();
        }
        allocated--;
    }

    /** Native bytes the pool's buffers hold now (idle + in flight); what is dropped is freed at once. */
    long nativeBytes() {
        synchronized (idle) {
            long sum = 0;
            for (Memory m : owned.values()) {
                sum += m.size();
            }
            return sum;
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

    /** Frees the idle buffers; later acquires return null. Idempotent. */
    @Override
    public void close() {
        synchronized (idle) {
            if (closed) {
                return;
            }
            closed = true;
            while (!idle.isEmpty()) {
                free(idle.pop());
            }
        }
    }
}
