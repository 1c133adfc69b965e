package dev.camrtc.sender.e2e;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.rtc.ReceivedFrame;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Visual quality of the decoded picture against the exact frame the sender encoded (the codec benchmark,
 * scripts/bench-codecs.sh). Wraps the sender's real source: while {@link #record} is on, the luma of each
 * bgr8 {@code color} frame is kept in a ring of {@link #SLOTS} preallocated planes under its frame counter;
 * a decoded frame (given to {@link #compare}) is matched by the counter of its frame stamp (PROTOCOL.md 7) and
 * compared over the picture below the stamp band: PSNR of luma (BT.601 weights on both sides, so the
 * receiver's I420-to-BGR conversion is the only extra rounding, the same for every codec). A decoded frame at
 * another size (the encoder scaled down) is counted, not compared. Thread-safe.
 */
final class QualityProbe extends ForwardingSource {

    static final int SLOTS = 64;
    private static final String STREAM = "color";

    private final long[] counters = new long[SLOTS];
    private byte[][] planes;
    private int width;
    private int height;
    private volatile boolean recording;
    private double[] psnr = new double[4096];
    private int compared;
    private int unmatched;
    private int otherSize;

    QualityProbe(CameraSource source) {
        super(source);
    }

    /** Starts (true) or stops keeping source frames; starting forgets earlier results. */
    synchronized void record(boolean on) {
        Arrays.fill(counters, -1);
        compared = 0;
        unmatched = 0;
        otherSize = 0;
        recording = on;
    }

    /** The decoded frame of the receiver against the kept source frame with the same counter. */
    synchronized void compare(ReceivedFrame received) {
        CameraFrame f = received.frame();
        if (!recording || !STREAM.equals(f.stream()) || received.stamp().isEmpty() || planes == null
                || f.format() != PixelFormat.BGR8) {
            return;
        }
        if (f.width() != width || f.height() != height) {
            otherSize++;
            return;
        }
        long counter = received.stamp().get().counter();
        int slot = (int) (counter % SLOTS);
        if (counters[slot] != counter) {
            unmatched++;
            return;
        }
        byte[] reference = planes[slot];
        ByteBuffer px = f.pixels();
        int band = FrameStamp.bandHeight(height);
        double sum = 0;
        for (int y = band; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int d = luma(px, i) - (reference[y * width + x] & 0xff);
                sum += d * d;
            }
        }
        double mse = sum / ((double) (height - band) * width);
        if (compared == psnr.length) {
            psnr = Arrays.copyOf(psnr, psnr.length * 2);
        }
        psnr[compared++] = mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** {@code psnr_mean=.. psnr_p5=.. compared=.. unmatched=.. other_size=..} of the frames since {@link #record}. */
    synchronized String summary() {
        double[] sorted = Arrays.copyOf(psnr, compared);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        double p5 = compared == 0 ? Double.NaN : sorted[(int) Math.floor(0.05 * (compared - 1))];
        return String.format(java.util.Locale.ROOT, "psnr_mean=%.2f psnr_p5=%.2f compared=%d unmatched=%d other_size=%d",
                mean, p5, compared, unmatched, otherSize);
    }

    private synchronized void keep(CameraFrame f) {
        if (!recording || f.format() != PixelFormat.BGR8) {
            return;
        }
        if (planes == null || f.width() != width || f.height() != height) {
            width = f.width();
            height = f.height();
            planes = new byte[SLOTS][width * height];
            Arrays.fill(counters, -1);
        }
        long counter = f.sequence() & FrameStamp.COUNTER_MASK;
        int slot = (int) (counter % SLOTS);
        byte[] plane = planes[slot];
        ByteBuffer px = f.pixels();
        for (int i = 0, n = width * height; i < n; i++) {
            plane[i] = (byte) luma(px, i * 3);
        }
        counters[slot] = counter;
    }

    /** BT.601 luma of the B,G,R pixel at byte {@code i}, full range, integer weights. */
    private static int luma(ByteBuffer bgr, int i) {
        return (29 * (bgr.get(i) & 0xff) + 150 * (bgr.get(i + 1) & 0xff) + 77 * (bgr.get(i + 2) & 0xff) + 128) >> 8;
    }

    @Override
    public void start(FrameSink sink) {
        source.start(frame -> {
            if (recording && STREAM.equals(frame.stream())) {
                keep(frame);
            }
            sink.accept(frame);
        });
    }
}
