package dev.camrtc.media.jpeg;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * Benchmark (not a test; run by {@code scripts/bench-jpeg.sh}): CPU time per JPEG of {@link JpegEncoder} for
 * 640x480 bgr8 (gradient with camera-like noise) and mono8 (infrared-like speckle) frames in direct buffers,
 * quality 80, one thread. Usage: {@code JpegEncodeBench [frames per format, default 1000]}.
 */
public final class JpegEncodeBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (PixelFormat format : new PixelFormat[] {PixelFormat.BGR8, PixelFormat.MONO8}) {
            CameraFrame[] frames = new CameraFrame[4];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = frame(format, i);
            }
            try (JpegEncoder encoder = new JpegEncoder(80)) {
                for (int i = 0; i < 200; i++) {
                    encoder.encode(frames[i % frames.length]);
                }
                long bytes = 0;
                double best = Double.MAX_VALUE;
                long total = 0;
                for (int round = 0; round < 5; round++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < n / 5; i++) {
                        bytes += encoder.encode(frames[i % frames.length]).length;
                    }
                    long t = CPU.getCurrentThreadCpuTime() - t0;
                    total += t;
                    best = Math.min(best, t / 1e6 / (n / 5));
                }
                System.out.printf("encode %-5s 640x480 q80: mean %.3f ms CPU per frame, best fifth %.3f ms, %.1f KB (%d frames)%n",
                        format.rosEncoding(), total / 1e6 / (n / 5 * 5), best, bytes / 1024.0 / (n / 5 * 5), n / 5 * 5);
            }
        }
    }

    private static CameraFrame frame(PixelFormat format, int seed) {
        int w = 640;
        int h = 480;
        int bpp = format.bytesPerPixel();
        ByteBuffer px = ByteBuffer.allocateDirect(w * h * bpp);
        long state = 0x9E3779B97F4A7C15L * (seed + 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                int noise = (int) (state >>> 59);                     // 0..31
                for (int c = 0; c < bpp; c++) {
                    int v = format == PixelFormat.MONO8
                            ? ((state >>> 40 & 0xFF) < 40 ? 230 : 60) + noise     // sparse bright speckle
                            : (x * (c + 1) / 4 + y * (3 - c) / 3) % 200 + noise; // per-channel gradients
                    px.put((y * w + x) * bpp + c, (byte) Math.min(255, v));
                }
            }
        }
        return new CameraFrame(format == PixelFormat.MONO8 ? "infrared" : "color", w, h, format, px, seed, 0);
    }
}
