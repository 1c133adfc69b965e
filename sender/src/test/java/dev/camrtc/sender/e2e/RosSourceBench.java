package dev.camrtc.sender.e2e;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The ROS source's benchmark (scripts/bench-ros-source.sh, inside the test network namespace), in one run side
 * by side: two Cyclone C publishers (ros_pub: 640x480 bgr8 color and mono8 infrared at 30 Hz, each frame
 * carrying the PROTOCOL.md 7 stamp of its header.stamp) feed a sender process started with
 * {@code --source ros:...}; a second sender process runs the test pattern at the same size and rate. One
 * {@link ReceiverMain} process watches each. Prints per sender and stream: fps, latency (stamp -> decoded in
 * the receiver; for the ROS sender that is DDS publication -> WebRTC receiver) p50/p95/p99, longest gap,
 * freezes, and each sender process's CPU, as Markdown rows.
 */
@Command(name = "ros-source-bench", mixinStandardHelpOptions = true, showDefaultValues = true)
public final class RosSourceBench implements Callable<Integer> {
    private static final int DOMAIN = 63;

    @Option(names = "--seconds", description = "Measured seconds.")
    int seconds = 60;

    @Option(names = "--warmup", description = "Seconds discarded at the start.")
    int warmup = 5;

    @Option(names = "--sender-jvm", split = " ", description = "JVM options of the sender processes.")
    List<String> senderJvm = List.of("-Xmx128m");

    @Option(names = "--host", description = "Address of the signaling server (the namespace's veth end).")
    String host = "198.18.0.1";

    public static void main(String[] args) {
        System.exit(new CommandLine(new RosSourceBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf(Locale.ROOT, "ROS source benchmark: %d s after %d s warm-up, %d cores, load average %.1f%n",
                seconds, warmup, Runtime.getRuntime().availableProcessors(), loadAverage());
        Map<String, String> env = Map.of("ROS_DOMAIN_ID", Integer.toString(DOMAIN));
        List<Process> processes = new ArrayList<>();
        try (SignalingServer server = SignalingServer.start(ServerConfig.builder().host(host).port(0).build());
             PeerProcess color = publisher("rt/bench/color/image_raw", "bgr8", env);
             PeerProcess infra = publisher("rt/bench/infra1/image_rect_raw", "mono8", env)) {
            String url = "ws://" + host + ":" + server.port();
            Process ros = sender(url, "bench-ros", env, "--source", "ros:/bench/color/image_raw,/bench/infra1/image_rect_raw");
            Process pattern = sender(url, "bench-pattern", env, "--source", "testpattern", "--color-profile", "640x480x30");
            processes.add(ros);
            processes.add(pattern);
            List<String> results = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> watching = new ArrayList<>();
            List<Process> receivers = new ArrayList<>();
            for (String name : List.of("bench-ros", "bench-pattern")) {
                Process p = new ProcessBuilder(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                        ReceiverMain.class.getName(), "--server", url, "--sender", name, "--warmup", String.valueOf(warmup),
                        "--seconds", String.valueOf(seconds)).redirectError(log(name + "-receiver")).start();
                processes.add(p);
                receivers.add(p);
                CompletableFuture<Void> w = new CompletableFuture<>();
                watching.add(w);
                Thread reader = new Thread(() -> read(p, name, w, results), "bench-" + name);
                reader.setDaemon(true);
                reader.start();
            }
            CompletableFuture.allOf(watching.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            Thread.sleep(warmup * 1000L);
            long t0 = System.nanoTime();
            long rosCpu0 = cpuNanos(ros);
            long patternCpu0 = cpuNanos(pattern);
            Thread.sleep(seconds * 1000L);
            double wall = System.nanoTime() - t0;
            double rosCpu = 100.0 * (cpuNanos(ros) - rosCpu0) / wall;
            double patternCpu = 100.0 * (cpuNanos(pattern) - patternCpu0) / wall;
            for (Process p : receivers) {
                p.waitFor(60, TimeUnit.SECONDS);
            }
            System.out.println("| sender | stream | fps | latency p50 / p95 / p99 ms | longest gap ms | freezes > 200 ms "
                    + "| sender CPU (% of one core) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            for (String r : results) {
                System.out.println(row(r, r.startsWith("bench-ros") ? rosCpu : patternCpu));
            }
            System.out.printf(Locale.ROOT, "load average after the run: %.1f%n", loadAverage());
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        return 0;
    }

    private PeerProcess publisher(String topic, String encoding, Map<String, String> env) throws Exception {
        PeerProcess p = new PeerProcess(TestPeers.command(TestPeers.cyclonePublisher(), topic, encoding, "640", "480", "0",
                "30", "--band"), env);
        p.await("READY", java.time.Duration.ofSeconds(60));
        return p;
    }

    private Process sender(String url, String name, Map<String, String> env, String... source) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(senderJvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.camrtc.sender.Main", "--server", url,
                "--name", name, "--mjpeg-port", "0"));
        cmd.addAll(List.of(source));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** utime + stime of a process, from /proc/PID/stat (clock ticks of 10 ms). */
    private static long cpuNanos(Process p) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static void read(Process p, String sender, CompletableFuture<Void> watching, List<String> results) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("WATCHING")) {
                    watching.complete(null);
                } else if (line.startsWith("RESULT ")) {
                    results.add(sender + " " + line.substring("RESULT ".length()));
                }
            }
        } catch (Exception e) {
            watching.completeExceptionally(e);
        }
        watching.completeExceptionally(new IllegalStateException(sender + "'s receiver ended before watching"));
    }

    private static String row(String result, double cpu) {
        String[] parts = result.split(" ");
        Map<String, String> v = new java.util.HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            v.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s / %s / %s | %s | %s | %.1f |", parts[0], v.get("stream"),
                v.get("fps"), v.get("p50"), v.get("p95"), v.get("p99"), v.get("max_gap"), v.get("freezes"), cpu);
    }

    private static File log(String name) {
        return new File(System.getProperty("java.io.tmpdir"), "camrtc-ros-source-bench-" + name + ".log");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
