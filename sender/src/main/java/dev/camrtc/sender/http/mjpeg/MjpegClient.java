package dev.camrtc.sender.http.mjpeg;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One HTTP client of a stream: a "latest frame" slot filled by the encoder and emptied by the client's
 * own (Jetty) thread. A new frame replaces one the client has not taken yet, so a slow client skips
 * frames and holds at most one frame besides the one it is writing; it never delays the others.
 */
final class MjpegClient {

    private final AtomicReference<JpegFrame> slot = new AtomicReference<>();
    private final Thread reader;
    private final LongAdder skipped = new LongAdder();
    private final LongAdder streamSkipped;

    /** A client whose frames are taken by the calling thread; its skipped frames also count in {@code streamSkipped}. */
    MjpegClient(LongAdder streamSkipped) {
        this.reader = Thread.currentThread();
        this.streamSkipped = streamSkipped;
    }

    /** Called by the encoder: puts the newest frame in the slot and wakes the reader. */
    void offer(JpegFrame frame) {
        if (slot.getAndSet(frame) != null) {
            skipped.increment();
            streamSkipped.increment();
        }
        LockSupport.unpark(reader);
    }

    /** Pre-fills the slot (a snapshot taken from the broadcaster's latest frame). */
    void prime(JpegFrame frame) {
        slot.compareAndSet(null, frame);
    }

    /**
     * The newest frame not taken yet, waiting up to {@code timeoutNanos}; null on timeout or interrupt.
     * Only the thread that created the client may call this.
     */
    JpegFrame take(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            JpegFrame f = slot.getAndSet(null);
            if (f != null) {
                return f;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return null;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** Frames replaced before this client took them. */
    long skipped() {
        return skipped.sum();
    }
}
