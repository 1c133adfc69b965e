package dev.camrtc.sender.camera.testpattern;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Benchmark (not a test): the cost of drawing one test-pattern frame per stream, as the capture thread
 * does it (fresh direct buffer, background, overlay, brightness, frame stamp). Prints mean / p50 / p99
 * milliseconds of CPU time of the rendering thread (wall time is meaningless on a shared, loaded machine).
 * Usage: {@code PatternRenderBench [frames=600] [pngDir]} (pngDir: also write one PNG per pattern).
 */
public final class PatternRenderBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path pngDir = args.length > 1 ? Path.of(args[1]) : null;
        TestPatternOptions options = TestPatternOptions.defaults("bench-sender");
        int w = options.width();
        int h = options.height();
        SceneOverlay overlay = new SceneOverlay(options);
        try (ColorPatternRenderer color = new ColorPatternRenderer(options, overlay);
             InfraredPatternRenderer infrared = new InfraredPatternRenderer(options, overlay)) {
            for (Pattern pattern : Pattern.values()) {
                double[] ms = new double[frames];
                for (int i = 0; i < frames; i++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    long now = System.currentTimeMillis();
                    ByteBuffer px = ByteBuffer.allocateDirect(w * h * 3);
                    color.render(px, pattern, i / 30.0, now, i, 10);
                    FrameStamp.encode(px, w, h, PixelFormat.BGR8, i, now);
                    ms[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
                    if (pngDir != null && i == frames - 1) {
                        write(pngDir.resolve("color-" + pattern.label() + ".png"), px, h, w, CV_8UC3);
                    }
                }
                print("color " + pattern.label(), ms);
            }
            double[] ms = new double[frames];
            for (int i = 0; i < frames; i++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                long now = System.currentTimeMillis();
                ByteBuffer px = ByteBuffer.allocateDirect(w * h);
                infrared.render(px, i / 30.0, now, i, 0);
                FrameStamp.encode(px, w, h, PixelFormat.MONO8, i, now);
                ms[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
                if (pngDir != null && i == frames - 1) {
                    write(pngDir.resolve("infrared.png"), px, h, w, CV_8UC1);
                }
            }
            print("infrared", ms);
        }
    }

    private static void write(Path file, ByteBuffer px, int h, int w, int type) throws Exception {
        Files.createDirectories(file.getParent());
        try (Mat m = new Mat(h, w, type, new BytePointer(px))) {
            imwrite(file.toString(), m);
        }
    }

    private static void print(String what, double[] ms) {
        double[] warm = Arrays.copyOfRange(ms, ms.length / 5, ms.length);
        Arrays.sort(warm);
        double mean = Arrays.stream(warm).average().orElse(0);
        System.out.printf("render cpu %-16s %dx%d  mean %.2f ms  p50 %.2f ms  p99 %.2f ms  (%d frames after warm-up)%n",
                what, 640, 480, mean, warm[warm.length / 2], warm[(int) (warm.length * 0.99)], warm.length);
    }
}
