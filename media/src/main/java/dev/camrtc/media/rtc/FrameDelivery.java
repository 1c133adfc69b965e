package dev.camrtc.media.rtc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Newest frame only" hand-off from the decoder threads to one delivery thread per peer: one slot per
 * stream; a frame that arrives while the previous one is still waiting replaces it. {@link #offer}
 * never blocks (it runs on libwebrtc threads).
 */
final class FrameDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameDelivery.class);

    private record Slot(AtomicReference<ReceivedFrame> frame, StreamTally tally) { }

    private final String peerId;
    private final FrameListener listener;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Semaphore signal = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    FrameDelivery(String peerId, FrameListener listener) {
        this.peerId = peerId;
        this.listener = listener;
        this.thread = new Thread(this::run, "frames-" + peerId);
        thread.setDaemon(true);
        thread.start();
    }

    void offer(ReceivedFrame frame, StreamTally tally) {
        Slot slot = slots.computeIfAbsent(frame.frame().stream(), s -> new Slot(new AtomicReference<>(), tally));
        if (slot.frame().getAndSet(frame) != null) {
            tally.skipped.incrementAndGet();
        }
        signal.release();
    }

    private void run() {
        try {
            while (running) {
                signal.acquire();
                signal.drainPermits();
                for (Slot slot : slots.values()) {
                    ReceivedFrame f = slot.frame().getAndSet(null);
                    if (f != null && running) {
                        slot.tally().delivered.incrementAndGet();
                        try {
                            listener.onFrame(f);
                        } catch (RuntimeException e) {
                            LOG.warn("peer {}: frame listener failed on stream {}: {}", peerId, f.frame().stream(), e.toString());
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops delivering; waits up to 2 s for a listener call in progress (unless called from it). */
    @Override
    public void close() {
        running = false;
        signal.release();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
                if (thread.isAlive()) {
                    LOG.warn("peer {}: frame listener still busy 2 s after close, interrupting it", peerId);
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
