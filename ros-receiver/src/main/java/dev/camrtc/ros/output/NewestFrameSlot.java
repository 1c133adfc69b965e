package dev.camrtc.ros.output;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The newest-frame hand-off of one stream, shared by {@link ImageRepublisher} and the depth republisher: a
 * single slot holding the newest frame and one publishing thread. {@link #offer} never blocks and never
 * queues: a frame that arrives while the previous one still waits replaces it (counted as skipped and given
 * back at once), so a slow DDS subscriber can only make frames drop, never make the published stream lag.
 *
 * <p>Every frame offered is given back ({@link Handler#done}) exactly once: the replaced one by {@link #offer},
 * the published one after publishing, the waiting one at {@link #close()}.
 *
 * @param <T> what a frame is (a received image, a held copy of an encoded depth frame)
 */
public final class NewestFrameSlot<T> implements AutoCloseable {

    /** What the slot does with its frames. */
    public interface Handler<T> {
        /** Publishes the newest frame (publishing thread). */
        void publish(T frame);

        /** Gives a frame back: published, replaced, or left at close. */
        void done(T frame);

        /** {@link #publish} threw; {@code running} is false when it happened while closing. */
        void failed(RuntimeException e, boolean running);
    }

    private final Handler<T> handler;
    private final AtomicReference<T> slot = new AtomicReference<>();
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts the publishing thread, a daemon named {@code threadName}. */
    public NewestFrameSlot(String threadName, Handler<T> handler) {
        this.handler = handler;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** False once {@link #close()} began. */
    public boolean running() {
        return running;
    }

    /** Puts {@code frame} in the slot, replacing (and giving back) a frame still waiting; returns at once. */
    public void offer(T frame) {
        T replaced = slot.getAndSet(frame);
        if (replaced != null) {
            skipped.incrementAndGet();
            handler.done(replaced);
        }
        if (!running) { // closed meanwhile: whoever takes the frame out of the slot gives it back
            T left = slot.getAndSet(null);
            if (left != null) {
                handler.done(left);
            }
        }
        signal.release();
    }

    /** Frames replaced in the slot before they were published. */
    public long skippedCount() {
        return skipped.get();
    }

    private void run() {
        while (running) {
            try {
                if (!signal.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            T frame = slot.getAndSet(null);
            if (frame == null) {
                continue;
            }
            try {
                if (running) {
                    handler.publish(frame);
                }
            } catch (RuntimeException e) {
                handler.failed(e, running);
            } finally {
                handler.done(frame);
            }
        }
    }

    /** Stops the publishing thread (waiting up to 2 s for a write in progress) and gives back the waiting frame. */
    @Override
    public void close() {
        running = false;
        signal.release();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        T left = slot.getAndSet(null);
        if (left != null) {
            handler.done(left);
        }
    }
}
