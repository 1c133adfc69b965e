package dev.camrtc.sender.http;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.jpeg.JpegEncoder;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.hub.FrameHub;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark (not a test; run by {@code scripts/bench-mjpeg.sh}): JPEG encoding time per frame, then how many
 * MJPEG clients the sender serves at the camera's full rate (test pattern 640x480@30) on loopback. Clients
 * are threads of this same JVM reading real HTTP with strict part parsing (bodies skipped, not decoded), so
 * the CPU figures include the clients' share. Bounded: about 10 s + 3 x (seconds + ramp-up).
 * Usage: {@code MjpegBench [clients steps, default 10,50,100] [seconds per step, default 8]}.
 */
public final class MjpegBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** A client is served at full rate when it gets at least this share of the frames the camera delivered. */
    private static final double FULL_RATE_SHARE = 0.9;

    public static void main(String[] args) throws Exception {
        int[] steps = Arrays.stream((args.length > 0 ? args[0] : "10,50,100").split(",")).mapToInt(Integer::parseInt).toArray();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        try (TestPatternSource source = new TestPatternSource(TestPatternOptions.defaults("bench"))) {
            FrameHub hub = FrameHub.start("bench", source);
            encodeBench(hub);
            try (SenderHttpServer server = SenderHttpServer.start(HttpConfig.of("bench", "127.0.0.1", 0, Optional.empty())
                    .withMaxClients(Arrays.stream(steps).max().orElse(100) + 10), hub, hub.streams(), source.controls())) {
                for (int clients : steps) {
                    serveBench(server, clients, seconds);
                }
                System.out.printf("serving: mean encode time of the color stream while serving %.2f ms (wall, encoder thread)%n",
                        server.meanEncodeMillis("color"));
            }
            hub.close();
        }
    }

    /** CPU time per encode of real test-pattern frames, color and infrared, quality 80. */
    private static void encodeBench(FrameHub hub) throws Exception {
        for (String stream : List.of("color", "infrared")) {
            BlockingQueue<CameraFrame> frames = new LinkedBlockingQueue<>();
            try (FrameHub.Subscription sub = hub.subscribe(stream, f -> frames.add(f.copy())) /* pooled frames are only borrowed */) {
                List<CameraFrame> sample = new ArrayList<>();
                while (sample.size() < 10) {
                    sample.add(frames.take());
                }
                sub.close();
                try (JpegEncoder encoder = new JpegEncoder(HttpConfig.DEFAULT_QUALITY)) {
                    for (int i = 0; i < 50; i++) {
                        encoder.encode(sample.get(i % sample.size()));
                    }
                    int n = 300;
                    long bytes = 0;
                    long t0 = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        bytes += encoder.encode(sample.get(i % sample.size())).length;
                    }
                    double ms = (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / n;
                    System.out.printf("encode %-8s 640x480 q%d: %.2f ms CPU per frame, %.1f KB per frame (%d frames)%n",
                            stream, encoder.quality(), ms, bytes / 1024.0 / n, n);
                }
            }
        }
    }

    private static void serveBench(SenderHttpServer server, int clients, double seconds) throws Exception {
        AtomicLongArray parts = new AtomicLongArray(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch connected = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        long[] errors = new long[1];
        for (int i = 0; i < clients; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                try (RawHttpClient c = RawHttpClient.get(server.port(), "/rgb.mjpg", "", true)) {
                    MultipartReader reader = new MultipartReader(c.body, "frame");
                    reader.skip();
                    connected.countDown();
                    while (running.get()) {
                        reader.skip();
                        parts.incrementAndGet(k);
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors[0]++;
                    }
                    connected.countDown();
                }
            }, "bench-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            System.out.println("serve " + clients + " clients: not all connected within 60 s");
        }
        Thread.sleep(1000);
        long[] before = snapshot(parts);
        long encodedBefore = server.framesEncoded("color");
        long cpuBefore = processCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        double wall = (System.nanoTime() - t0) / 1e9;
        long[] after = snapshot(parts);
        double cpu = (processCpuNanos() - cpuBefore) / 1e9 / wall;
        double camera = (server.framesEncoded("color") - encodedBefore) / wall;
        running.set(false);
        double[] fps = new double[clients];
        for (int i = 0; i < clients; i++) {
            fps[i] = (after[i] - before[i]) / wall;
        }
        Arrays.sort(fps);
        long full = Arrays.stream(fps).filter(f -> f >= FULL_RATE_SHARE * camera).count();
        System.out.printf("serve %3d clients /rgb.mjpg: %3d at full rate (>= 90 %% of the camera's %.1f fps, each frame encoded"
                        + " once); client fps min %.1f p10 %.1f median %.1f; process CPU %.0f %% of one core (clients"
                        + " included); errors %d%n",
                clients, full, camera, fps[0], fps[clients / 10], fps[clients / 2], cpu * 100, errors[0]);
        for (Thread t : threads) {
            t.interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.clientCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static long[] snapshot(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
