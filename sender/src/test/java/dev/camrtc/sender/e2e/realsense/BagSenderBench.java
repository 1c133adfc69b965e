package dev.camrtc.sender.e2e.realsense;

import com.sun.management.OperatingSystemMXBean;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.realsense.RealSenseTestRecording;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU of a sender playing a RealSense recording (color + infrared + colorized depth, 640x480@30, paced)
 * to one WebRTC receiver (the aiortc receiver of system-tests, its own process) and one MJPEG client
 * ({@code curl} on {@code /color.mjpg}, its own process). The measured JVM holds the sender and the
 * signaling server (idle after the offer/answer). Run inside scripts/netns-run.sh, from the repository root:
 * {@code scripts/bench-bag-sender.sh [seconds]}. Prints the receiver's per-stream summaries and one
 * Markdown table row.
 */
public final class BagSenderBench {

    private static final String NAME = "bag-bench";
    private static final Path AIORTC = Path.of("system-tests/src/test/python/aiortc_receiver.py");

    private BagSenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("bag-bench");
        Path bag = dir.resolve("d435.bag");
        RealSenseTestRecording.write(bag, 30);
        int mjpegPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            mjpegPort = s.getLocalPort();
        }
        Process receiver = null;
        Process mjpeg = null;
        int status = 1;
        try (SignalingServer server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
             RunningSender sender = RunningSender.start(SenderConfig.parse("--server",
                     "ws://127.0.0.1:" + server.port(), "--name", NAME, "--mjpeg-port", String.valueOf(mjpegPort),
                     "--mjpeg-bind", "127.0.0.1", "--enable-depth", "--source", "bag:" + bag))) {
            int warmup = 4;
            receiver = new ProcessBuilder("/usr/bin/python3", AIORTC.toString(), "--server",
                    "ws://127.0.0.1:" + server.port(), "--sender", NAME, "--warmup", String.valueOf(warmup),
                    "--seconds", String.valueOf(seconds))
                    .redirectError(new File(dir.toFile(), "aiortc.log")).start();
            mjpeg = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--max-time", String.valueOf(seconds + 30),
                    "http://127.0.0.1:" + mjpegPort + "/color.mjpg").start();
            Thread.sleep((warmup + 2) * 1000L);
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long jpegs0 = sender.mjpeg().orElseThrow().framesEncoded("color");
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L - 3000L);
            double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
            double jpegFps = (sender.mjpeg().orElseThrow().framesEncoded("color") - jpegs0) * 1e9
                    / (System.nanoTime() - t0);
            if (!receiver.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the aiortc receiver did not finish; see " + dir + "/aiortc.log");
            }
            StringBuilder fps = new StringBuilder();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println(line);
                    String stream = line.replaceAll(".*\"stream\": \"([^\"]+)\".*", "$1");
                    String rate = line.replaceAll(".*\"fps\": ([0-9.]+).*", "$1");
                    fps.append(fps.length() == 0 ? "" : ", ").append(stream).append(' ').append(rate);
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "| bag 640x480@30 color + infrared + depth (colorized), 1 aiortc receiver (VP8) + 1 MJPEG client (color) "
                    + "| WebRTC fps: %s; MJPEG %.1f JPEG/s | sender process CPU %.0f %% of one core |",
                    fps, jpegFps, cpu));
            status = receiver.exitValue();
        } finally {
            if (receiver != null) {
                receiver.destroyForcibly();
            }
            if (mjpeg != null) {
                mjpeg.destroyForcibly();
            }
        }
        System.exit(status); // webrtc's native threads would keep the JVM alive
    }
}
