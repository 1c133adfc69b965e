package dev.camrtc.sender.e2e;

import com.sun.management.OperatingSystemMXBean;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.sender.sfu.JanusProcess;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Peer-to-peer against Janus (scripts/bench-sfu.sh, inside the test network namespace): a signaling server, a
 * throw-away Janus and a test-pattern sender (with or without {@code --sfu}) in or under this process, and N Java
 * receivers in one {@link ReceiverMain} process watching {@code --streams} (both by default). Prints per mode and N: the slowest receiver
 * stream's fps, the median of the receivers' latency p50, the worst p99, the sender process's CPU and Janus's CPU, as
 * Markdown table rows.
 */
@Command(name = "sfu-bench", mixinStandardHelpOptions = true, showDefaultValues = true)
public final class SfuBench implements Callable<Integer> {

    @Option(names = "--seconds", description = "Measured seconds per run.")
    int seconds = 20;

    @Option(names = "--warmup", description = "Seconds discarded at the start of each run.")
    int warmup = 5;

    @Option(names = "--receivers", split = ",", description = "Receiver counts, each measured p2p and through Janus.")
    List<Integer> counts = List.of(1, 3, 5, 10);

    @Option(names = "--codec", description = "Video codec of the sender.")
    String codec = "VP8";

    @Option(names = "--streams", split = ",", description = "Streams each receiver watches.")
    List<String> streams = List.of("color", "infrared");

    @Option(names = "--host", description = "Address of the signaling server (the namespace's veth side when there).")
    String host = "198.18.0.1";

    public static void main(String[] args) {
        int status = new CommandLine(new SfuBench()).execute(args);
        System.exit(status); // webrtc's native threads would keep the JVM alive
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "sfu benchmark: %s, receivers watch %s, %d s per run after %d s warm-up, "
                + "%d cores, %s%n", codec, String.join("+", streams), seconds, warmup, Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("| mode | receivers | slowest stream fps | latency p50 (median of receivers) ms "
                + "| worst p99 ms | sender CPU (% of one core) | Janus CPU (% of one core) | load average |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        try (SignalingServer server = SignalingServer.start(ServerConfig.builder().host(host).port(0).build());
             JanusProcess janus = JanusProcess.start("bench")) {
            for (boolean sfu : List.of(false, true)) {
                for (int n : counts) {
                    try {
                        run(server, janus, sfu, n);
                    } catch (Exception e) {
                        System.out.printf(Locale.ROOT, "| %s | %d | run failed: %s | | | | | |%n", sfu ? "Janus" : "p2p",
                                n, e.getCause() == null ? e : e.getCause());
                    }
                }
            }
        }
        System.out.println("load average after the runs: " + loadAverage());
        return 0;
    }

    private void run(SignalingServer server, JanusProcess janus, boolean sfu, int receivers) throws Exception {
        String name = "bench-sfu-" + (sfu ? "janus" : "p2p") + "-" + receivers;
        String url = "ws://" + host + ":" + server.port();
        List<String> args = new ArrayList<>(List.of("--server", url, "--name", name, "--codec", codec,
                "--mjpeg-port", "0", "--max-sessions", String.valueOf(Math.max(8, receivers))));
        if (sfu) {
            args.addAll(List.of("--sfu", "janus:" + janus.uri()));
        }
        SenderConfig config = SenderConfig.parse(args.toArray(String[]::new));
        try (RunningSender sender = RunningSender.start(config, new TestPatternSource(TestPatternOptions.defaults(name)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (sfu && !sender.relay().orElseThrow().available()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sender does not reach Janus");
                }
                Thread.sleep(50);
            }
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-cp", System.getProperty("java.class.path"), ReceiverMain.class.getName(),
                    "--server", url, "--sender", name, "--count", String.valueOf(receivers),
                    "--streams", String.join(",", streams),
                    "--warmup", String.valueOf(warmup), "--seconds", String.valueOf(seconds))
                    .redirectError(ProcessBuilder.Redirect.to(new java.io.File(System.getProperty("java.io.tmpdir"),
                            "camrtc-" + name + ".log"))).start();
            CompletableFuture<Void> watching = new CompletableFuture<>();
            List<Map<String, String>> results = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> read(p, watching, results), "bench-receivers");
            reader.setDaemon(true);
            reader.start();
            try {
                watching.get(120, TimeUnit.SECONDS);
                Thread.sleep(warmup * 1000L);
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                double janus0 = janus.cpuSeconds();
                long t0 = System.nanoTime();
                if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the receivers did not finish");
                }
                reader.join(5000);
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
                double janusCpu = 100.0 * (janus.cpuSeconds() - janus0) / wall;
                System.out.println(row(sfu, receivers, streams.size(), results, cpu, janusCpu));
                System.out.flush();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static String row(boolean sfu, int receivers, int streamsEach, List<Map<String, String>> results, double cpu,
            double janusCpu) {
        if (results.size() != streamsEach * receivers) {
            throw new IllegalStateException(results.size() + " stream results from " + receivers + " receivers");
        }
        double slowest = results.stream().mapToDouble(r -> Double.parseDouble(r.get("fps"))).min().orElse(0);
        List<Long> p50s = results.stream().map(r -> Long.parseLong(r.get("p50"))).sorted().toList();
        long worstP99 = results.stream().mapToLong(r -> Long.parseLong(r.get("p99"))).max().orElse(-1);
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %.0f | %s | %s |", sfu ? "Janus" : "p2p",
                receivers, slowest, p50s.get(p50s.size() / 2), worstP99, cpu,
                sfu ? String.format(Locale.ROOT, "%.0f", janusCpu) : "-", loadAverage());
    }

    private static void read(Process p, CompletableFuture<Void> watching, List<Map<String, String>> results) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("WATCHING")) {
                    watching.complete(null);
                } else if (line.startsWith("RESULT ")) {
                    Map<String, String> v = new HashMap<>();
                    for (String kv : line.substring("RESULT ".length()).split(" ")) {
                        int eq = kv.indexOf('=');
                        v.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    results.add(v);
                }
            }
        } catch (Exception e) {
            watching.completeExceptionally(e);
        }
        watching.completeExceptionally(new IllegalStateException("the receivers ended before watching"));
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
