package dev.camrtc.sender.e2e;

import dev.camrtc.media.rtc.ReceivedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What one received stream delivered: stamped frames, whether their counters only went forward,
 * glass-to-glass latency (receive time minus the stamped capture time) and the longest gap between frames.
 * Thread-safe.
 */
public final class StreamReport {

    private final String stream;
    private final List<Long> latencies = new ArrayList<>();
    private long frames;
    private long unstamped;
    private long outOfOrder;
    private long lastCounter = -1;
    private long firstAtMillis = -1;
    private long lastAtMillis = -1;
    private long longestGapMillis;
    private long freezes;
    private int width;
    private int height;

    StreamReport(String stream) {
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }

    synchronized void add(ReceivedFrame f) {
        width = f.frame().width();
        height = f.frame().height();
        if (f.stamp().isEmpty()) {
            unstamped++;
            return;
        }
        long counter = f.stamp().get().counter();
        if (lastCounter >= 0 && counter <= lastCounter) {
            outOfOrder++;
        }
        lastCounter = counter;
        long at = f.receivedAtMillis();
        if (lastAtMillis >= 0) {
            longestGapMillis = Math.max(longestGapMillis, at - lastAtMillis);
            if (at - lastAtMillis > ReceiverMain.FREEZE_MILLIS) {
                freezes++;
            }
        } else {
            firstAtMillis = at;
        }
        lastAtMillis = at;
        frames++;
        latencies.add(f.latencyMillis());
        notifyAll();
    }

    /** Waits until {@code n} stamped frames have arrived. */
    public synchronized void await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("stream " + stream + ": " + frames + " of " + n + " frames within " + timeout
                        + " (" + this + ")");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Forgets everything so far (e.g. after warm-up). */
    public synchronized void reset() {
        latencies.clear();
        frames = 0;
        unstamped = 0;
        outOfOrder = 0;
        firstAtMillis = -1;
        lastAtMillis = -1;
        longestGapMillis = 0;
        freezes = 0;
    }

    /** Gaps between stamped frames longer than {@link ReceiverMain#FREEZE_MILLIS}. */
    public synchronized long freezes() {
        return freezes;
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized long unstamped() {
        return unstamped;
    }

    /** Stamped frames whose counter did not go forward. */
    public synchronized long outOfOrder() {
        return outOfOrder;
    }

    public synchronized long longestGapMillis() {
        return longestGapMillis;
    }

    public synchronized int width() {
        return width;
    }

    public synchronized int height() {
        return height;
    }

    /** Stamped frames per second between the first and the last one. */
    public synchronized double fps() {
        if (frames < 2 || lastAtMillis <= firstAtMillis) {
            return 0;
        }
        return (frames - 1) * 1000.0 / (lastAtMillis - firstAtMillis);
    }

    /** The latency percentile {@code p} (0..100) in ms, -1 without frames. */
    public synchronized long latencyPercentile(double p) {
        if (latencies.isEmpty()) {
            return -1;
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%s %dx%d: %d frames %.1f fps, latency p50 %d p95 %d p99 %d ms, "
                + "longest gap %d ms, %d out of order, %d unstamped", stream, width, height, frames, fps(),
                latencyPercentile(50), latencyPercentile(95), latencyPercentile(99), longestGapMillis, outOfOrder,
                unstamped);
    }
}
