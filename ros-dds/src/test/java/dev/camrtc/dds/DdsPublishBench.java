package dev.camrtc.dds;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (scripts/bench-dds.sh, inside the test namespace): the Java Image publisher at 30 Hz,
 * 640x480 bgr8, to the Cyclone C subscriber and to the Fast DDS C++ subscriber, reliable QoS.
 * Latency = the subscriber's receive time (CLOCK_REALTIME) minus header.stamp, taken just before
 * publish(); same machine, same clock. Prints one line per subscriber.
 */
public final class DdsPublishBench {
    private static final int DOMAIN = 77;

    private DdsPublishBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.out.printf("java %s, %d cores, %s; %d frames 640x480 bgr8 at 30 Hz per run%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), frames);
        run("Cyclone 0.10 C subscriber, reliable", TestPeers.command(TestPeers.cycloneSubscriber(16), "image",
                "rt/bench/image", "reliable", "volatile", Integer.toString(frames), "60"), frames);
        run("Cyclone 0.10 C subscriber, best effort", TestPeers.command(TestPeers.cycloneSubscriber(16), "image",
                "rt/bench/image", "best_effort", "volatile", Integer.toString(frames), "60"), frames);
        run("Fast DDS 2.9 C++ subscriber, reliable", TestPeers.command(TestPeers.fastDdsSubscriber(),
                "rt/bench/image", "reliable", Integer.toString(frames), "60"), frames);
    }

    private static void run(String name, List<String> command, int n) throws Exception {
        CameraFrame[] pool = new CameraFrame[8];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = DdsTestSupport.frame(PixelFormat.BGR8, 640, 480, i, true);
        }
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImagePublisher pub = graph.imagePublisher("/bench/image", QosOptions.defaults());
             PeerProcess sub = new PeerProcess(command, DdsTestSupport.peerEnv(DOMAIN))) {
            sub.await("READY", Duration.ofSeconds(30));
            DdsTestSupport.awaitSubscribers(pub, 1, Duration.ofSeconds(10));
            Thread.sleep(300);
            long[] call = new long[n];
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                pub.publish(pool[i % pool.length], Instant.now(), "bench");
                call[i] = System.nanoTime() - t;
                long sleep = start + (i + 1) * 33_333_333L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9 / seconds * 100;
            List<String> lines = sub.finish(Duration.ofSeconds(60));
            List<Map<String, String>> got = lines.stream().filter(l -> l.startsWith("IMAGE ")).map(PeerProcess::fields).toList();
            List<Double> latency = new ArrayList<>();
            for (Map<String, String> f : got) {
                long stamp = Long.parseLong(f.get("sec")) * 1_000_000_000L + Long.parseLong(f.get("nanosec"));
                latency.add((Long.parseLong(f.get("recv_ns")) - stamp) / 1e6);
            }
            double[] lat = latency.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double rate = got.size() < 2 ? 0 : (got.size() - 1) / ((Long.parseLong(got.get(got.size() - 1).get("recv_ns"))
                    - Long.parseLong(got.get(0).get("recv_ns"))) / 1e9);
            long[] calls = call.clone();
            Arrays.sort(calls);
            System.out.printf("%-40s received %d/%d, %.1f Hz, latency p50 %.2f ms p99 %.2f ms max %.2f ms; "
                            + "publish() p50 %.2f ms p99 %.2f ms; publisher JVM CPU %.0f %% of a core%n",
                    name, got.size(), n, rate, pct(lat, 50), pct(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1],
                    calls[n / 2] / 1e6, calls[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6, cpu);
        }
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p / 100) - 1));
        return sorted[idx];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

}
