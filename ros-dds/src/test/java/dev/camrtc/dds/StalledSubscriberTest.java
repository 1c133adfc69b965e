package dev.camrtc.dds;

import static dev.camrtc.dds.DdsTestSupport.awaitSubscribers;
import static dev.camrtc.dds.DdsTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reliable subscriber that stops acknowledging (its process is stopped with SIGSTOP) must not make
 * the publisher lag: no write waits longer than the QoS max blocking time plus scheduling slack, 60
 * frames at 30 Hz take 2 s, not more, and a healthy subscriber on the same topic keeps receiving.
 * (Measured with Cyclone 0.10.2: a KEEP_LAST writer does not throttle at all, writes take 3-6 ms.)
 */
@Tag("media")
class StalledSubscriberTest {
    private static final int DOMAIN = 47;

    @Test
    void stoppedReliableSubscriberCannotStallThePublisher() throws Exception {
        Path sub = TestPeers.cycloneSubscriber(16);
        CameraFrame[] frames = new CameraFrame[4];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(PixelFormat.BGR8, 640, 480, i, true);
        }
        int n = 60;
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImagePublisher pub = graph.imagePublisher("/stall/image", QosOptions.defaults());
             PeerProcess stalled = new PeerProcess(TestPeers.command(sub, "image", "rt/stall/image", "reliable",
                     "volatile", "1000", "30"), DdsTestSupport.peerEnv(DOMAIN));
             PeerProcess healthy = new PeerProcess(TestPeers.command(sub, "image", "rt/stall/image", "reliable",
                     "volatile", "1000", "30"), DdsTestSupport.peerEnv(DOMAIN))) {
            awaitSubscribers(pub, 2, Duration.ofSeconds(10));
            stalled.await("MATCHED", Duration.ofSeconds(10));
            healthy.await("MATCHED", Duration.ofSeconds(10));
            signal("STOP", stalled.pid());
            long worst = 0;
            long start = System.nanoTime();
            int delivered = 0;
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                if (pub.publish(frames[i % frames.length], Instant.now(), "cam")) {
                    delivered++;
                }
                worst = Math.max(worst, System.nanoTime() - t);
                long sleep = start + (i + 1) * 33_333_333L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            signal("CONT", stalled.pid());
            Thread.sleep(300);
            long healthyFrames = healthy.output().stream().filter(l -> l.startsWith("IMAGE ")).count();
            System.out.printf("stalled subscriber: %d/%d writes accepted, worst publish %.1f ms, %d frames at the "
                    + "healthy subscriber, %.2f s for %d frames%n", delivered, n, worst / 1e6, healthyFrames, seconds, n);
            long bound = QosOptions.defaults().maxBlockingTime().toNanos() + Duration.ofMillis(500).toNanos();
            assertTrue(worst < bound, "worst publish took " + worst / 1e6 + " ms");
            assertTrue(seconds < n / 30.0 + 1.0, "publishing " + n + " frames took " + seconds + " s");
            assertTrue(healthyFrames >= n / 3, "healthy subscriber got " + healthyFrames);
        }
    }

    private static void signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertTrue(p.waitFor() == 0);
    }

}
