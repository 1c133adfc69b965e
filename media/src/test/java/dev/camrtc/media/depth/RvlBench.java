package dev.camrtc.media.depth;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * RVL benchmark (scripts/bench-rvl.sh, BENCHMARKS.md "Lossless depth (RVL)"): encode and decode time per
 * 640x480 frame (wall and thread CPU), compression ratio and bitrate at 30 fps, on the PROTOCOL.md 8 test
 * pattern and on the worst case (alternating 65535 / 1). Usage: RvlBench [frames per measurement, default 600].
 */
public final class RvlBench {

    private static final int W = 640;
    private static final int H = 480;
    private static final int PIXELS = W * H;
    private static final int DISTINCT = 30;

    private RvlBench() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        ByteBuffer[] pattern = new ByteBuffer[DISTINCT];
        for (int n = 0; n < DISTINCT; n++) {
            pattern[n] = ByteBuffer.allocateDirect(PIXELS * 2);
            DepthTestPattern.fill(pattern[n], W, H, n);
        }
        ByteBuffer worst = ByteBuffer.allocateDirect(PIXELS * 2);
        for (int i = 0; i < PIXELS; i++) {
            worst.putShort(2 * i, (short) (i % 2 == 0 ? 0xFFFF : 0x0100)); // little-endian 65535 / 1
        }
        run("test pattern (PROTOCOL.md 8)", pattern, frames);
        run("worst case (65535, 1, ...)", new ByteBuffer[] {worst}, frames / 2);
    }

    private static void run(String name, ByteBuffer[] inputs, int frames) {
        RvlCodec codec = new RvlCodec();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[][] encoded = new byte[inputs.length][RvlCodec.maxEncodedSize(PIXELS)];
        int[] sizes = new int[inputs.length];
        ByteBuffer out = ByteBuffer.allocateDirect(PIXELS * 2);
        for (int i = 0; i < Math.max(300, frames / 2); i++) { // warm-up: let the JIT compile both loops
            int k = i % inputs.length;
            sizes[k] = codec.encode(inputs[k], PIXELS, encoded[k], 0);
            codec.decode(encoded[k], 0, sizes[k], out, PIXELS);
        }
        double[] encodeMs = new double[frames];
        double[] decodeMs = new double[frames];
        long encodeCpu = 0;
        long decodeCpu = 0;
        long bytes = 0;
        for (int i = 0; i < frames; i++) {
            int k = i % inputs.length;
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sizes[k] = codec.encode(inputs[k], PIXELS, encoded[k], 0);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            codec.decode(encoded[k], 0, sizes[k], out, PIXELS);
            long t2 = System.nanoTime();
            long c2 = mx.getCurrentThreadCpuTime();
            encodeMs[i] = (t1 - t0) / 1e6;
            decodeMs[i] = (t2 - t1) / 1e6;
            encodeCpu += c1 - c0;
            decodeCpu += c2 - c1;
            bytes += sizes[k];
            if (!out.equals(inputs[k].duplicate().clear())) {
                throw new AssertionError("round trip differs at frame " + i);
            }
        }
        double meanBytes = (double) bytes / frames;
        int chunks = DepthChunks.chunkCount((int) Math.ceil(meanBytes));
        double mbit = (meanBytes + chunks * DepthChunks.HEADER_BYTES) * 8 * 30 / 1e6;
        System.out.printf(Locale.ROOT, "%s, %dx%d, %d frames%n", name, W, H, frames);
        System.out.printf(Locale.ROOT, "  encode: wall p50 %.2f ms, p99 %.2f ms, mean %.2f ms; thread CPU mean %.2f ms%n",
                pct(encodeMs, 50), pct(encodeMs, 99), mean(encodeMs), encodeCpu / 1e6 / frames);
        System.out.printf(Locale.ROOT, "  decode: wall p50 %.2f ms, p99 %.2f ms, mean %.2f ms; thread CPU mean %.2f ms%n",
                pct(decodeMs, 50), pct(decodeMs, 99), mean(decodeMs), decodeCpu / 1e6 / frames);
        System.out.printf(Locale.ROOT, "  size: %.0f bytes per frame (raw %d), ratio %.2fx; %d chunk(s); "
                        + "%.1f Mbit/s at 30 fps with chunk headers (raw: %.1f Mbit/s)%n",
                meanBytes, PIXELS * 2, PIXELS * 2 / meanBytes, chunks, mbit,
                (PIXELS * 2 + DepthChunks.chunkCount(PIXELS * 2) * DepthChunks.HEADER_BYTES) * 8 * 30 / 1e6);
    }

    private static double pct(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
