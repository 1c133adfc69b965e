package dev.camrtc.ros.frame;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The pixel buffers of one stream's converted images: off-heap memory (for libyuv and for DDS, which
 * serializes straight from it), reused frame after frame. The pool grows only when every buffer it made is
 * leased, so it holds as many buffers as images are in flight at once (one per publishing thread). Memory is
 * freed deterministically: a buffer of a size no longer wanted (the sender changed resolution) when it comes
 * back, the idle ones at {@link #close()}, a leased one when it comes back after close. Never left to GC.
 *
 * <p>Thread-safe. A {@link Lease} is returned exactly once; a second {@link Lease#release()} is a bug and
 * throws {@link IllegalStateException}.
 */
public final class BufferPool implements AutoCloseable {
    private final String name;
    private final ArrayDeque<Memory> idle = new ArrayDeque<>();
    private long bytes; // size of the buffers handed out now
    private int created;
    private int live;
    private int leased;
    private boolean closed;

    /** @param name for messages (the stream) */
    public BufferPool(String name) {
        this.name = name;
    }

    /** One leased buffer, {@link #buffer()} positioned at 0 with its capacity the requested size. */
    public final class Lease implements AutoCloseable {
        private final Memory memory;
        private final ByteBuffer buffer;
        private boolean released; // guarded by the pool

        private Lease(Memory memory, int size) {
            this.memory = memory;
            this.buffer = memory.getByteBuffer(0, size);
        }

        public ByteBuffer buffer() {
            return buffer;
        }

        /** Gives the buffer back; the buffer must not be used after this. */
        public void release() {
            giveBack(this);
        }

        @Override
        public void close() {
            release();
        }
    }

    /** A buffer of exactly {@code size} bytes: an idle one, or a new one when all are leased. */
    public synchronized Lease acquire(int size) {
        if (closed) {
            throw new IllegalStateException("buffer pool of " + name + " is closed");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + size);
        }
        if (size != bytes) {
            freeIdle();
            bytes = size;
        }
        Memory m = idle.poll();
        if (m == null) {
            m = new Memory(size);
            created++;
            live++;
        }
        leased++;
        return new Lease(m, size);
    }

    private synchronized void giveBack(Lease lease) {
        if (lease.released) {
            throw new IllegalStateException("a buffer of " + name + " was released twice");
        }
        lease.released = true;
        leased--;
        if (closed || lease.memory.size() != bytes) {
            lease.memory.close();
            live--;
        } else {
            idle.push(lease.memory);
        }
    }

    private void freeIdle() {
        while (!idle.isEmpty()) {
            idle.pop().close();
            live--;
        }
    }

    /** Buffers ever allocated (a steady stream stops counting up after the first frames). */
    public synchronized int createdCount() {
        return created;
    }

    /** Buffers allocated and not freed yet (idle + leased). */
    public synchronized int liveCount() {
        return live;
    }

    /** Buffers leased now. */
    public synchronized int leasedCount() {
        return leased;
    }

    /** Frees the idle buffers; leased ones are freed when they come back. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        freeIdle();
    }
}
