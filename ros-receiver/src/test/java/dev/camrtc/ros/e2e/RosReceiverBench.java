package dev.camrtc.ros.e2e;

import dev.camrtc.ros.dds.PeerProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test), run by {@code scripts/bench-ros.sh} inside the test network namespace: signaling
 * server + test-pattern sender in this JVM, the ros-receiver as its own JVM ({@code dev.camrtc.ros.Main}, as
 * deployed), Cyclone C subscribers on both image topics. Prints, over the measured window, per topic: frames
 * delivered and rate, glass-to-glass latency (sender capture time from the frame stamp in the pixels ->
 * subscriber receipt) p50 / p99 / max, the p50 of the first and last 10 s (a growing lag would show), and
 * the receiver process's CPU. Usage: {@code RosReceiverBench [seconds=60] [slow]} ({@code slow}: one more
 * reliable subscriber on the color topic that takes 100 ms per image).
 */
public final class RosReceiverBench {
    private static final int DOMAIN = 61;
    private static final String COLOR = "rt/realsense/color/image_raw";
    private static final String IR = "rt/realsense/stereo/image_raw";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        boolean slow = args.length > 1 && args[1].equals("slow");
        Path log = Files.createTempFile("ros-receiver-bench", ".log");
        Process receiver = null;
        try (RosFixture fixture = new RosFixture(DOMAIN)) {
            fixture.sender("bench-cam");
            receiver = new ProcessBuilder(javaBinary(), "-Xmx512m", "-Dcamrtc.log.level=INFO", "-cp", System.getProperty("java.class.path"),
                    "dev.camrtc.ros.Main", "--server", fixture.serverUrl(), "--sender-name", "bench-cam",
                    "--domain-id", Integer.toString(DOMAIN), "--dds-config", RosFixture.LO_ONLY,
                    "--node-name", "bench_receiver")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int count = 30 * (seconds + 60);
            int timeout = seconds + 60;
            PeerProcess color = fixture.subscriber("image", COLOR, "reliable", "volatile", count, timeout, "--band");
            PeerProcess ir = fixture.subscriber("image", IR, "reliable", "volatile", count, timeout, "--band");
            if (slow) {
                fixture.subscriber("image", COLOR, "reliable", "volatile", count, timeout, "--slow-ms", "100");
            }
            color.await("IMAGE", java.time.Duration.ofSeconds(60));
            Thread.sleep(3000); // warm-up: congestion control ramps up
            long cpu0 = cpuTicks(receiver.pid());
            long t0 = System.currentTimeMillis();
            Thread.sleep(seconds * 1000L);
            long cpu1 = cpuTicks(receiver.pid());
            long t1 = System.currentTimeMillis();
            double cpuPercent = (cpu1 - cpu0) / 100.0 / ((t1 - t0) / 1000.0) * 100;
            System.out.printf(Locale.ROOT, "ros-receiver benchmark: %d s window, 640x480@30 test pattern, VP8, "
                    + "Cyclone DDS on lo, reliable QoS%s%n", seconds, slow ? ", plus a 100 ms/image slow subscriber" : "");
            System.out.println("| topic | frames | rate Hz | latency p50 ms | p99 ms | max ms | p50 first 10 s | p50 last 10 s | stamped |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            report("/realsense/color/image_raw", color.output(), t0, t1);
            report("/realsense/stereo/image_raw", ir.output(), t0, t1);
            System.out.printf(Locale.ROOT, "receiver process CPU: %.1f %% of one core (%d cores)%n", cpuPercent,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            if (receiver != null) {
                receiver.destroy();
                receiver.waitFor();
            }
        }
        System.out.println("receiver log: " + log);
        System.exit(0);
    }

    private static void report(String topic, List<String> output, long t0, long t1) {
        List<ImageLine> window = ImageLine.all(output).stream()
                .filter(l -> l.recvNanos() / 1_000_000 >= t0 && l.recvNanos() / 1_000_000 < t1).toList();
        double seconds = (t1 - t0) / 1000.0;
        double[] lat = latencies(window);
        double[] first = latencies(window.stream().filter(l -> l.recvNanos() / 1_000_000 < t0 + 10_000).toList());
        double[] last = latencies(window.stream().filter(l -> l.recvNanos() / 1_000_000 >= t1 - 10_000).toList());
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d/%d |%n", topic,
                window.size(), window.size() / seconds, pct(lat, 50), pct(lat, 99), pct(lat, 100), pct(first, 50),
                pct(last, 50), lat.length, window.size());
    }

    private static double[] latencies(List<ImageLine> lines) {
        double[] l = lines.stream().filter(x -> x.frameStamp().isPresent()).mapToDouble(ImageLine::latencyMillis)
                .toArray();
        Arrays.sort(l);
        return l;
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private RosReceiverBench() {
    }
}
