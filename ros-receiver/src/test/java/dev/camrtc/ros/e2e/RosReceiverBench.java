package dev.camrtc.ros.e2e;

import dev.camrtc.dds.PeerProcess;
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
 * the receiver process's CPU and resident memory (RSS sampled every 10 s). Usage:
 * {@code RosReceiverBench [seconds=60] [slow]} ({@code slow}: one more reliable subscriber on the color topic
 * that takes 100 ms per image). With {@code -Dbench.baseline=path/to/ros-receiver.jar} a second receiver from
 * that jar (an older build) runs side by side in the same run, under namespace {@code /baseline}, with its own
 * subscribers, and is reported the same way. {@code -Dbench.receiverJvm="..."} sets the receivers' JVM options
 * (default {@code -Xmx512m}).
 */
public final class RosReceiverBench {
    private static final int DOMAIN = 61;
    /** JVM options of the receiver processes ({@code -Dbench.receiverJvm}). */
    private static final String JVM = System.getProperty("bench.receiverJvm", "-Xmx512m");
    /** Extra flags of the test-pattern sender ({@code -Dbench.senderArgs}, space-separated, e.g. {@code --codec H264}). */
    private static final String[] SENDER_ARGS = System.getProperty("bench.senderArgs", "").isBlank() ? new String[0]
            : System.getProperty("bench.senderArgs").trim().split("\\s+");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        boolean slow = args.length > 1 && args[1].equals("slow");
        boolean depth = args.length > 1 && args[1].equals("depth");
        Path log = Files.createTempFile("ros-receiver-bench", ".log");
        String baselineJar = System.getProperty("bench.baseline");
        List<Receiver> receivers = new java.util.ArrayList<>();
        try (RosFixture fixture = new RosFixture(DOMAIN)) {
            fixture.sender("bench-cam", SENDER_ARGS);
            DepthPatternOfferer depthSender = depth
                    ? DepthPatternOfferer.start(java.net.URI.create(fixture.serverUrl()), "bench-depth") : null;
            int count = 30 * (seconds + 60);
            int timeout = seconds + 60;
            receivers.add(new Receiver("this build", "", List.of("-cp", System.getProperty("java.class.path"),
                    "dev.camrtc.ros.Main"), fixture, log, count, timeout, slow, "bench-cam"));
            if (depth) { // until the sender's --enable-depth lands: a depth-only test sender, its own receiver
                receivers.add(new Receiver("this build, depth (test-side depth sender)", "/depthbench",
                        List.of("-cp", System.getProperty("java.class.path"), "dev.camrtc.ros.Main"), fixture,
                        Files.createTempFile("ros-receiver-depth", ".log"), count, timeout, false, "bench-depth"));
            }
            if (baselineJar != null) {
                receivers.add(new Receiver("baseline " + baselineJar, "/baseline", List.of("-jar", baselineJar),
                        fixture, Files.createTempFile("ros-receiver-baseline", ".log"), count, timeout, slow,
                        "bench-cam"));
            }
            for (Receiver r : receivers) {
                (r.depth != null ? r.depth : r.color).await("IMAGE", java.time.Duration.ofSeconds(60));
            }
            Thread.sleep(3000); // warm-up: congestion control ramps up
            long[] cpu0 = new long[receivers.size()];
            for (int i = 0; i < cpu0.length; i++) {
                cpu0[i] = cpuTicks(receivers.get(i).process.pid());
            }
            long self0 = cpuTicks(ProcessHandle.current().pid());
            long t0 = System.currentTimeMillis();
            for (int s = 0; s < seconds; s += 10) {
                Thread.sleep(Math.min(10, seconds - s) * 1000L);
                for (Receiver r : receivers) {
                    r.rssKb.add(rssKb(r.process.pid()));
                }
            }
            long t1 = System.currentTimeMillis();
            double senderCpu = (cpuTicks(ProcessHandle.current().pid()) - self0) / 100.0 / ((t1 - t0) / 1000.0) * 100;
            System.out.printf(Locale.ROOT, "ros-receiver benchmark: %d s window, 640x480@30 test pattern, sender flags "
                    + "[%s], Cyclone DDS on lo, reliable QoS%s, receiver JVM %s, load average %s%n", seconds,
                    String.join(" ", SENDER_ARGS), slow ? ", plus a 100 ms/image slow subscriber" : "", JVM,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(Locale.ROOT, "sender + signaling server process CPU: %.1f %% of one core%n", senderCpu);
            for (int i = 0; i < receivers.size(); i++) {
                Receiver r = receivers.get(i);
                double cpuPercent = (cpuTicks(r.process.pid()) - cpu0[i]) / 100.0 / ((t1 - t0) / 1000.0) * 100;
                System.out.println();
                System.out.println("receiver: " + r.label);
                System.out.println("| topic | frames | rate Hz | latency p50 ms | p95 ms | p99 ms | max ms | p50 first 10 s "
                        + "| p50 last 10 s | stamped |");
                System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
                if (r.depth != null) {
                    reportDepth(r.namespace + "/realsense/depth/image_raw", r.depth.output(), t0, t1);
                } else {
                    report(r.namespace + "/realsense/color/image_raw", r.color.output(), t0, t1);
                    report(r.namespace + "/realsense/stereo/image_raw", r.ir.output(), t0, t1);
                }
                System.out.printf(Locale.ROOT, "receiver process CPU: %.1f %% of one core (%d cores)%n", cpuPercent,
                        Runtime.getRuntime().availableProcessors());
                System.out.println("receiver RSS MB every 10 s: " + r.rssKb.stream()
                        .map(k -> String.format(Locale.ROOT, "%.0f", k / 1024.0)).toList());
                System.out.printf(Locale.ROOT, "receiver RSS MB: max %.0f, mean of the 2nd minute %.0f, mean of the "
                        + "last minute %.0f%n", r.rssKb.stream().mapToLong(Long::longValue).max().orElse(0) / 1024.0,
                        mean(r.rssKb, 6, 12), mean(r.rssKb, r.rssKb.size() - 6, r.rssKb.size()));
            }
            if (depthSender != null) {
                System.out.printf(Locale.ROOT, "depth sender: %d frames sent, %d skipped by its pacing%n",
                        depthSender.framesSent(), depthSender.framesSkipped());
                depthSender.close();
            }
        } finally {
            for (Receiver r : receivers) {
                r.process.destroy();
                r.process.waitFor();
            }
        }
        System.out.println("receiver log: " + log);
        System.exit(0);
    }

    /** One receiver process under test and its two subscribers. */
    private static final class Receiver {
        final String label;
        final String namespace;
        final Process process;
        final PeerProcess color;
        final PeerProcess ir;
        final PeerProcess depth; // a depth-only receiver: its 16UC1 subscriber (pixels checked), else null
        final List<Long> rssKb = new java.util.ArrayList<>();

        Receiver(String label, String namespace, List<String> launch, RosFixture fixture, Path log, int count,
                 int timeout, boolean slow, String senderName) throws Exception {
            this.label = label;
            this.namespace = namespace;
            List<String> cmd = new java.util.ArrayList<>(List.of(javaBinary()));
            cmd.addAll(List.of(JVM.trim().split("\\s+")));
            cmd.add("-Dcamrtc.log.level=INFO"); // the receiver log this prints the path of
            cmd.addAll(launch);
            cmd.addAll(List.of("--server", fixture.serverUrl(), "--sender-name", senderName, "--domain-id",
                    Integer.toString(DOMAIN), "--dds-config", RosFixture.LO_ONLY, "--node-name", "bench_receiver"));
            if (!namespace.isEmpty()) {
                cmd.addAll(List.of("--namespace", namespace));
            }
            this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String prefix = "rt" + namespace + "/realsense/";
            if (senderName.equals("bench-depth")) {
                this.depth = fixture.subscriber("image", prefix + "depth/image_raw", "reliable", "volatile", count,
                        timeout, "--depth-pattern");
                this.color = null;
                this.ir = null;
                return;
            }
            this.depth = null;
            this.color = fixture.subscriber("image", prefix + "color/image_raw", "reliable", "volatile", count,
                    timeout, "--band");
            this.ir = fixture.subscriber("image", prefix + "stereo/image_raw", "reliable", "volatile", count, timeout,
                    "--band");
            if (slow) {
                fixture.subscriber("image", prefix + "color/image_raw", "reliable", "volatile", count, timeout,
                        "--slow-ms", "100");
            }
        }
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double mean(List<Long> kb, int from, int to) {
        return kb.subList(Math.max(0, Math.min(from, kb.size())), Math.max(0, Math.min(to, kb.size()))).stream()
                .mapToLong(Long::longValue).average().orElse(Double.NaN) / 1024.0;
    }

    private static void report(String topic, List<String> output, long t0, long t1) {
        List<ImageLine> window = ImageLine.all(output).stream()
                .filter(l -> l.recvNanos() / 1_000_000 >= t0 && l.recvNanos() / 1_000_000 < t1).toList();
        double seconds = (t1 - t0) / 1000.0;
        double[] lat = latencies(window);
        double[] first = latencies(window.stream().filter(l -> l.recvNanos() / 1_000_000 < t0 + 10_000).toList());
        double[] last = latencies(window.stream().filter(l -> l.recvNanos() / 1_000_000 >= t1 - 10_000).toList());
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d/%d |%n", topic,
                window.size(), window.size() / seconds, pct(lat, 50), pct(lat, 95), pct(lat, 99), pct(lat, 100),
                pct(first, 50), pct(last, 50), lat.length, window.size());
    }

    /** Depth: latency = receipt - header stamp (the chunk header's capture time); pixels checked by the peer. */
    private static void reportDepth(String topic, List<String> output, long t0, long t1) {
        List<java.util.Map<String, String>> window = output.stream().filter(l -> l.startsWith("IMAGE "))
                .map(PeerProcess::fields)
                .filter(f -> Long.parseLong(f.get("recv_ns")) / 1_000_000 >= t0
                        && Long.parseLong(f.get("recv_ns")) / 1_000_000 < t1).toList();
        double[] lat = window.stream().mapToDouble(f -> (Long.parseLong(f.get("recv_ns"))
                - Long.parseLong(f.get("sec")) * 1_000_000_000L - Long.parseLong(f.get("nanosec"))) / 1e6).sorted()
                .toArray();
        long bad = window.stream().filter(f -> !"0".equals(f.get("bad"))).count();
        System.out.printf(Locale.ROOT, "| %s (16UC1) | %d | %.1f | %.1f | %.1f | %.1f | %.1f | - | - | %d frames with "
                + "wrong pixels |%n", topic, window.size(), window.size() / ((t1 - t0) / 1000.0), pct(lat, 50),
                pct(lat, 95), pct(lat, 99), pct(lat, 100), bad);
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
