package dev.camrtc.sender.e2e;

import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.media.rtc.ReceivedDepthFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one received depth stream delivered: every frame decoded and checked pixel by pixel against the
 * PROTOCOL.md 8 test pattern of its counter (and of its capture time, see {@link #captureTimeMismatches()}), counters only going forward, and (counter -> capture time in
 * microseconds) of the newest frames for pairing with the video stamps of the same tick.
 */
public final class DepthReport {

    private static final int KEEP = 2000;

    private final DepthFrameCodec codec = new DepthFrameCodec();
    private final Map<Long, Long> micros = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > KEEP;
        }
    };
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> captureTimeMismatches = new ArrayList<>();
    private ByteBuffer pixels;
    private long frames;
    private long outOfOrder;
    private long lastCounter = -1;
    private long firstNanos;
    private long lastNanos;
    private int codecId = -1;

    synchronized void add(ReceivedDepthFrame f) {
        var h = f.header();
        if (pixels == null || pixels.capacity() < h.rawBytes()) {
            pixels = ByteBuffer.allocate(h.rawBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer view = pixels.duplicate().position(0).limit(h.rawBytes());
        f.decodeInto(codec, view);
        String bad = DepthTestPattern.firstMismatch(view, h.width(), h.height(), h.counter());
        if (bad != null && mismatches.size() < 10) {
            mismatches.add("frame " + h.counter() + ": " + bad);
        }
        long n = Math.floorDiv(h.captureTimeMicros(), 1000) % DepthTestPattern.PERIOD;
        String byTime = DepthTestPattern.firstMismatch(view, h.width(), h.height(), n);
        if (byTime != null && captureTimeMismatches.size() < 10) {
            captureTimeMismatches.add("frame " + h.counter() + " (pattern " + n + "): " + byTime);
        }
        if (h.counter() <= lastCounter) {
            outOfOrder++;
        }
        lastCounter = h.counter();
        micros.put(h.counter(), h.captureTimeMicros());
        codecId = h.codec().wireId();
        long now = System.nanoTime();
        if (frames == 0) {
            firstNanos = now;
        }
        lastNanos = now;
        frames++;
        notifyAll();
    }

    public synchronized void await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + frames + " of " + n + " depth frames within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized void reset() {
        frames = 0;
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized double fps() {
        return frames < 2 ? 0 : (frames - 1) * 1e9 / (lastNanos - firstNanos);
    }

    public synchronized List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /**
     * Frames that are not the section-8 pattern of counter (capture time in ms mod {@link DepthTestPattern#PERIOD}),
     * as a ROS test publisher draws them (ros_pub --pattern-from-stamp): a source that does not number frames
     * itself is checked through the capture time it passes on.
     */
    public synchronized List<String> captureTimeMismatches() {
        return List.copyOf(captureTimeMismatches);
    }

    public synchronized long outOfOrder() {
        return outOfOrder;
    }

    public synchronized int codecId() {
        return codecId;
    }

    /** Capture times (µs) of the newest frames by counter. */
    public synchronized Map<Long, Long> captureMicros() {
        return Map.copyOf(micros);
    }

    @Override
    public synchronized String toString() {
        return String.format("depth: %d frames, %.1f fps, %d out of order, %d mismatching", frames, fps(), outOfOrder,
                mismatches.size());
    }
}
