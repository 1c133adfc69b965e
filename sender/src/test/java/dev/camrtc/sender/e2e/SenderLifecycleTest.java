package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources per receiver are freed by every route (inside scripts/netns-run.sh): a receiver process killed
 * with SIGKILL, and 100 connect/leave cycles with trickle ICE in both directions that leave threads and
 * memory flat.
 */
@Tag("media")
class SenderLifecycleTest {

    private static final Logger LOG = LoggerFactory.getLogger(SenderLifecycleTest.class);
    private static final Duration T = Duration.ofSeconds(15);
    private static SenderFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SenderFixture.start("--trickle");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aKilledReceiverProcessFreesItsSession() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ReceiverMain.class.getName(), "--server", fixture.serverUri().toString(),
                "--sender", SenderFixture.NAME, "--warmup", "0", "--seconds", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CompletableFuture<String> watching = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("WATCHING")) {
                            return line;
                        }
                    }
                    return "receiver exited with " + p.waitFor();
                } catch (Exception e) {
                    return e.toString();
                }
            });
            String line = watching.get(30, TimeUnit.SECONDS);
            assertTrue(line.startsWith("WATCHING"), line);
            fixture.awaitSessions(1, T);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fixture.awaitSessions(0, T);
            fixture.awaitUsers("color", 0, T);
            fixture.awaitUsers("infrared", 0, T);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void hundredConnectLeaveCyclesKeepThreadsAndMemoryFlat() throws Exception {
        try (TestReceiver r = fixture.receiver(true)) {
            String id = fixture.awaitSender(r).senderId();
            for (int i = 0; i < 10; i++) { // warm-up: libwebrtc starts threads and pools lazily
                cycle(r, id, i % 5 == 0);
            }
            int threadsBefore = nativeThreads();
            long rssBefore = rssMegabytes();
            long rssHalf = 0;
            for (int i = 0; i < 100; i++) {
                cycle(r, id, i % 10 == 0);
                if (i == 49) {
                    rssHalf = rssMegabytes();
                }
            }
            fixture.awaitSessions(0, T);
            Thread.sleep(300);
            int threadsAfter = nativeThreads();
            long rssAfter = rssMegabytes();
            LOG.info("100 cycles: threads {} -> {}, RSS {} -> {} (half-way {}) MB", threadsBefore, threadsAfter,
                    rssBefore, rssAfter, rssHalf);
            assertTrue(threadsAfter <= threadsBefore + 5, "threads " + threadsBefore + " -> " + threadsAfter);
            assertTrue(rssAfter - rssHalf < 100, "RSS keeps growing: " + rssHalf + " -> " + rssAfter + " MB");
            assertEquals(0, fixture.sender().streams().users("color"));
        }
    }

    /** One session: offer, answer, (frames when asked), hangup; the sender must be back to no session. */
    private static void cycle(TestReceiver r, String senderId, boolean awaitMedia) throws Exception {
        TestReceiver.Watch w = r.watch(senderId, null);
        if (awaitMedia) {
            w.awaitFrames("color", 3, T);
        }
        r.hangup(senderId);
        fixture.awaitSessions(0, T);
    }

    private static int nativeThreads() {
        String[] tasks = new File("/proc/self/task").list();
        return tasks == null ? -1 : tasks.length;
    }

    /**
     * Resident memory after a full GC: the camera hands out a fresh direct buffer per frame, which only a GC
     * releases, so without it RSS measures the collector's pace, not leaks.
     */
    private static long rssMegabytes() throws Exception {
        System.gc();
        Thread.sleep(200);
        System.gc();
        Thread.sleep(100);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
