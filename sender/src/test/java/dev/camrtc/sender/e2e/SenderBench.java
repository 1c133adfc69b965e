package dev.camrtc.sender.e2e;

import com.sun.management.OperatingSystemMXBean;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sender's WebRTC benchmark (scripts/bench-sender.sh, inside the test network namespace): a signaling
 * server and a test-pattern sender in this process, 1 or 3 {@link ReceiverMain} processes watching both
 * streams. Prints, per codec and receiver count, glass-to-glass latency (stamped capture time -> decoded
 * pixels in the receiver process) p50/p95/p99, delivered fps, longest gap, freezes (> 200 ms) and the sender
 * process's CPU, as Markdown table rows.
 */
@Command(name = "sender-bench", mixinStandardHelpOptions = true, showDefaultValues = true)
public final class SenderBench implements Callable<Integer> {

    private static final String AIORTC = "system-tests/src/test/python/aiortc_receiver.py";

    @Option(names = "--seconds", description = "Measured seconds per run.")
    int seconds = 60;

    @Option(names = "--warmup", description = "Seconds discarded at the start of each run.")
    int warmup = 5;

    @Option(names = "--codecs", split = ",", description = "Codecs, each measured with one receiver.")
    List<String> codecs = List.of("VP8", "VP9", "H264", "AV1");

    @Option(names = "--multi-codecs", split = ",", description = "Codecs also measured with --multi receivers.")
    List<String> multiCodecs = List.of("VP8", "H264");

    @Option(names = "--enable-depth", description = "Sender with --enable-depth: receivers also get depth_z16 "
            + "(the PROTOCOL.md 8 test pattern, every pixel checked in the receiver).")
    boolean enableDepth;

    @Option(names = "--multi", description = "Receiver count of the multi-receiver runs.")
    int multi = 3;

    @Option(names = "--receiver", description = "Receiver processes: java (ReceiverMain) or aiortc "
            + "(system-tests/src/test/python/aiortc_receiver.py under /usr/bin/python3).")
    String receiverKind = "java";

    @Option(names = "--max-bitrate", description = "The sender's --max-bitrate in kbit/s (0: its default).")
    int maxBitrateKbps;

    @Option(names = "--min-bitrate", description = "The sender's --min-bitrate in kbit/s (0: its default).")
    int minBitrateKbps;

    @Option(names = "--quality-seconds", description = "After each one-receiver run, this many seconds of PSNR of the "
            + "decoded color picture against the sender's source frames (QualityProbe; a receiver in this process, "
            + "so no CPU is reported for it); 0 = none.")
    int qualitySeconds;

    private final List<String> qualityRows = new ArrayList<>();

    @Option(names = "--host", description = "Address of the signaling server, the sender's side of the namespace's "
            + "veth pair when it exists.")
    String host = defaultHost();

    public static void main(String[] args) {
        int status = new CommandLine(new SenderBench()).execute(args);
        System.exit(status); // webrtc's native threads would keep the JVM alive
    }

    @Override
    public Integer call() throws Exception {
        if (!receiverKind.equalsIgnoreCase("java") && !aiortc()) {
            System.err.println("sender-bench: --receiver '" + receiverKind + "' is not one of java, aiortc");
            return 2;
        }
        System.out.printf(Locale.ROOT, "sender benchmark: %s receivers, %d s per run after %d s warm-up, signaling on %s, "
                + "%d cores, %s, sender bitrate %s..%s kbit/s%n", receiverKind, seconds, warmup, host,
                Runtime.getRuntime().availableProcessors(), loadAverage(),
                minBitrateKbps > 0 ? minBitrateKbps : "default", maxBitrateKbps > 0 ? maxBitrateKbps : "default");
        System.out.println("| codec | receivers | stream | fps | latency p50 / p95 / p99 ms | longest gap ms | freezes > 200 ms "
                + "| sender CPU (% of one core) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        try (SignalingServer server = SignalingServer.start(ServerConfig.builder().host(host).port(0).build())) {
            for (String codec : codecs) {
                runOrReport(server, codec, 1);
            }
            for (String codec : multiCodecs) {
                runOrReport(server, codec, multi);
            }
        }
        if (!qualityRows.isEmpty()) {
            System.out.println();
            System.out.println("| codec | color PSNR of luma, mean / 5th percentile dB | frames compared | frames at another "
                    + "size | received kbit/s (codec) |");
            System.out.println("| --- | --- | --- | --- | --- |");
            qualityRows.forEach(System.out::println);
        }
        System.out.println("load average after the runs: " + loadAverage());
        return 0;
    }

    private void runOrReport(SignalingServer server, String codec, int receivers) {
        if (codec.isBlank() || codec.equalsIgnoreCase("none") || receivers < 1) {
            return;
        }
        try {
            run(server, codec, receivers);
        } catch (Exception e) {
            System.out.printf(Locale.ROOT, "| %s | %d | run failed: %s (receiver logs: %s) | | | | | |%n", codec, receivers,
                    e.getCause() == null ? e : e.getCause(), receiverLog(codec, receivers, 0).getParent());
        }
    }

    private static java.io.File receiverLog(String codec, int receivers, int index) {
        return new java.io.File(System.getProperty("java.io.tmpdir"),
                "camrtc-bench-" + codec.toLowerCase(Locale.ROOT) + "-" + receivers + "-receiver-" + index + ".log");
    }

    private void run(SignalingServer server, String codec, int receivers) throws Exception {
        String name = "bench-" + codec.toLowerCase(Locale.ROOT);
        String url = "ws://" + host + ":" + server.port();
        List<String> args = new ArrayList<>(List.of("--server", url, "--name", name, "--codec", codec, "--mjpeg-port", "0"));
        if (enableDepth) {
            args.add("--enable-depth");
        }
        if (maxBitrateKbps > 0) {
            args.addAll(List.of("--max-bitrate", String.valueOf(maxBitrateKbps)));
        }
        if (minBitrateKbps > 0) {
            args.addAll(List.of("--min-bitrate", String.valueOf(minBitrateKbps)));
        }
        SenderConfig config = SenderConfig.parse(args.toArray(String[]::new));
        QualityProbe probe = new QualityProbe(new TestPatternSource(TestPatternOptions.defaults(name).withDepth(enableDepth)));
        try (RunningSender sender = RunningSender.start(config, probe)) {
            List<Process> processes = new ArrayList<>();
            List<CompletableFuture<Void>> watching = new ArrayList<>();
            List<String> results = new CopyOnWriteArrayList<>();
            for (int i = 0; i < receivers; i++) {
                Process p = new ProcessBuilder(receiverCommand(url, name))
                        .redirectError(ProcessBuilder.Redirect.to(receiverLog(codec, receivers, i))).start();
                processes.add(p);
                CompletableFuture<Void> w = new CompletableFuture<>();
                watching.add(w);
                Thread reader = new Thread(() -> read(p, w, results), "bench-receiver-" + i);
                reader.setDaemon(true);
                reader.start();
            }
            try {
                if (aiortc()) { // prints nothing before its results: its warm-up starts at its first frame
                    Thread.sleep(3000L + warmup * 1000L);
                } else {
                    CompletableFuture.allOf(watching.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
                    Thread.sleep(warmup * 1000L);
                }
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long depth0 = sender.streams().depthFramesEncoded();
                for (Process p : processes) {
                    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a receiver did not finish");
                    }
                }
                double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
                for (String r : results) {
                    System.out.println(row(codec, receivers, r, cpu));
                }
                if (enableDepth) {
                    System.out.printf(Locale.ROOT, "depth_z16: %.1f frames/s encoded by the sender%n",
                            (sender.streams().depthFramesEncoded() - depth0) * 1e9 / (System.nanoTime() - t0));
                }
                System.out.flush();
            } finally {
                processes.forEach(Process::destroyForcibly);
            }
            if (qualitySeconds > 0 && receivers == 1) {
                qualityRows.add("| " + codec + " " + CodecQuality.measure(probe, URI.create(url), name, warmup, qualitySeconds));
            }
        }
    }

    private boolean aiortc() {
        return receiverKind.equalsIgnoreCase("aiortc");
    }

    private List<String> receiverCommand(String url, String name) {
        if (aiortc()) {
            return List.of("/usr/bin/python3", AIORTC, "--server", url, "--sender", name,
                    "--warmup", String.valueOf(warmup), "--seconds", String.valueOf(seconds));
        }
        return List.of(javaBin(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ReceiverMain.class.getName(), "--server", url, "--sender", name,
                "--warmup", String.valueOf(warmup), "--seconds", String.valueOf(seconds));
    }

    private static void read(Process p, CompletableFuture<Void> watching, List<String> results) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("WATCHING")) {
                    watching.complete(null);
                } else if (line.startsWith("RESULT ")) {
                    results.add(line.substring("RESULT ".length()));
                } else if (line.startsWith("{")) {
                    results.add(fromAiortc(line));
                }
            }
        } catch (Exception e) {
            watching.completeExceptionally(e);
        }
        watching.completeExceptionally(new IllegalStateException("receiver ended before watching"));
    }

    /** One JSON summary line of aiortc_receiver.py in the {@code RESULT} form of ReceiverMain (no freeze count). */
    static String fromAiortc(String json) {
        java.util.function.Function<String, String> field = key -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\": \"?([^,\"}]*)").matcher(json);
            return m.find() ? m.group(1) : "-";
        };
        return "stream=" + field.apply("stream") + " fps=" + field.apply("fps") + " p50=" + field.apply("latency_p50_ms")
                + " p95=" + field.apply("latency_p95_ms") + " p99=" + field.apply("latency_p99_ms")
                + " max_gap=" + field.apply("longest_gap_ms") + " freezes=-";
    }

    /** {@code stream=color frames=.. fps=.. p50=.. p95=.. p99=.. max_gap=.. freezes=.. out_of_order=..} as a row. */
    private static String row(String codec, int receivers, String result, double cpu) {
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (String kv : result.split(" ")) {
            int eq = kv.indexOf('=');
            v.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s / %s / %s | %s | %s | %.0f |", codec, receivers,
                v.get("stream"), v.get("fps"), v.get("p50"), v.get("p95"), v.get("p99"), v.get("max_gap"),
                v.get("freezes"), cpu);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "load average %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String defaultHost() {
        try {
            InetAddress tv0 = InetAddress.getByName("198.18.0.1");
            return java.net.NetworkInterface.getByInetAddress(tv0) != null ? "198.18.0.1" : "127.0.0.1";
        } catch (Exception e) {
            return "127.0.0.1";
        }
    }
}
