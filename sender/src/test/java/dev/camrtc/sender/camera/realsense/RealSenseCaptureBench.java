package dev.camrtc.sender.camera.realsense;

import com.sun.management.OperatingSystemMXBean;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.sender.camera.StreamProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the RealSense capture path on a bag written by {@link RealSenseTestRecording} (run with
 * scripts/bench-realsense.sh). Prints:
 * 1. capture-to-push time per frameset: recording played as fast as consumed, color + infrared + depth
 *    (colorized and raw) demanded; the worker thread's wall and CPU time per frameset, from librealsense
 *    handing over the frameset to the last CameraFrame pushed to the sink;
 * 2. CPU of the whole process with the recording played in real time (30 fps), same streams.
 */
public final class RealSenseCaptureBench {
    private static final StreamProfile VGA = new StreamProfile(640, 480, 30);

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("rs-bench");
        Path bag = dir.resolve("bench.bag");
        RealSenseTestRecording.write(bag, 30);
        try {
            throughput(bag, seconds);
            realTime(bag, seconds);
            demandChange(bag);
        } finally {
            Files.deleteIfExists(bag);
            Files.deleteIfExists(dir);
        }
    }

    private static RealSenseOptions options(Path bag, boolean realTime) {
        return new RealSenseOptions(new DeviceSelection.Recording(bag, realTime),
                Map.of(RealSenseStream.COLOR, VGA, RealSenseStream.INFRARED, VGA, RealSenseStream.DEPTH, VGA),
                false, 300, 4000, 1000, "bench");
    }

    private static void throughput(Path bag, int seconds) throws Exception {
        long[] gaps = new long[200_000];
        AtomicLong count = new AtomicLong();
        AtomicLong last = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (RealSenseSource source = new RealSenseSource(options(bag, false))) {
            source.start(frame -> {
                if (frame.stream().equals("color")) {
                    long now = System.nanoTime();
                    long previous = last.getAndSet(now);
                    long n = count.getAndIncrement();
                    if (previous != 0 && n < gaps.length) {
                        gaps[(int) n] = now - previous;
                    }
                }
            });
            source.demand(Set.of("color", "infrared", "depth", "depth_z16"));
            Thread.sleep(2000);
            long worker = workerId();
            long cpu0 = threads.getThreadCpuTime(worker);
            long n0 = count.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long framesets = count.get() - n0;
            double wall = (System.nanoTime() - t0) / 1e6;
            double cpu = (threads.getThreadCpuTime(worker) - cpu0) / 1e6;
            long[] window = Arrays.stream(gaps, (int) n0 + 1, (int) Math.min(count.get(), gaps.length)).filter(g -> g > 0).sorted().toArray();
            System.out.printf("capture-to-push per frameset (color+infrared+depth 640x480, depth colorized): "
                            + "%.2f ms wall mean, p50 %.2f ms, p99 %.2f ms, worker CPU %.2f ms/frameset, %d framesets in %.1f s%n",
                    wall / framesets, window[window.length / 2] / 1e6, window[(int) (window.length * 0.99)] / 1e6,
                    cpu / framesets, framesets, wall / 1000);
        }
    }

    private static void realTime(Path bag, int seconds) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong frames = new AtomicLong();
        try (RealSenseSource source = new RealSenseSource(options(bag, true))) {
            source.start(frame -> frames.incrementAndGet());
            source.demand(Set.of("color", "infrared", "depth"));
            Thread.sleep(2000);
            long cpu0 = os.getProcessCpuTime();
            long f0 = frames.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("real-time playback, color + infrared + colorized depth 640x480@30: %.1f frames/s delivered,"
                    + " process CPU %.1f %% of one core%n", (frames.get() - f0) / wall, 100 * cpu / wall);
        }
    }

    /** Time from a demand change (color -> color + infrared) to the first infrared frame: a pipeline restart. */
    private static void demandChange(Path bag) throws Exception {
        AtomicLong firstInfrared = new AtomicLong();
        double[] millis = new double[3];
        try (RealSenseSource source = new RealSenseSource(options(bag, true))) {
            source.start(frame -> {
                if (frame.stream().equals("infrared")) {
                    firstInfrared.compareAndSet(0, System.nanoTime());
                }
            });
            for (int i = 0; i < millis.length; i++) {
                source.demand(Set.of("color"));
                Thread.sleep(1500);
                firstInfrared.set(0);
                long t0 = System.nanoTime();
                source.demand(Set.of("color", "infrared"));
                while (firstInfrared.get() == 0) {
                    Thread.sleep(1);
                }
                millis[i] = (firstInfrared.get() - t0) / 1e6;
            }
        }
        System.out.printf("demand change color -> color+infrared (pipeline restart) to first infrared frame: %s ms%n",
                Arrays.toString(Arrays.stream(millis).map(Math::rint).toArray()));
    }

    private static long workerId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("realsense-bench"))
                .findFirst().orElseThrow().getId();
    }

    private RealSenseCaptureBench() {
    }

    static {
        // keep CameraFrame referenced so the class is loaded before timing starts
        CameraFrame.class.getName();
    }
}
