package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.RosReceiver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * webrtc-java 0.14.0 keeps every received data-channel message reachable until its engine closes (two JNI local
 * references it never deletes on libwebrtc's attached threads). Lossless depth arrives as data-channel messages,
 * so the ROS receiver renews its engine after a bound. With a small bound: the live RTCDataChannelBuffer objects
 * of this JVM (counted by a full-GC class histogram of this very process) stay within about the bound while many
 * times as many messages arrive, and every depth image published across the renewals is exact.
 * (With the renewal off, the same count equals every message received: checked by hand.)
 */
@Tag("media")
class EngineRenewalEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(EngineRenewalEndToEndTest.class);
    private static final String NAME = "renewal-cam";
    private static final long BOUND = 200;
    private static final int RENEWALS = 8;

    @Test
    void depthKeepsFlowingAcrossEngineRenewalsAndHeldMessagesStayBounded() throws Exception {
        try (RosFixture fixture = new RosFixture(57);
             DepthPatternOfferer offerer = DepthPatternOfferer.start(URI.create(fixture.serverUrl()), NAME)) {
            RosReceiver receiver = fixture.receiver(BOUND, "--sender-name", NAME, "--node-name", "renewal_receiver");
            int n = 90;
            List<String> lines;
            try (PeerProcess images = fixture.subscriber("image", "rt/realsense/depth/image_raw", "reliable",
                    "volatile", 100_000, 120, "--depth-pattern")) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (receiver.session().engineRenewals() < RENEWALS) {
                    assertTrue(System.nanoTime() < deadline, "only " + receiver.session().engineRenewals()
                            + " engine renewals within 90 s");
                    Thread.sleep(100);
                }
                long held = liveInstances("dev.onvoid.webrtc.RTCDataChannelBuffer");
                long asked = offerer.requests().size();
                LOG.warn("engine renewals: {} after about {} messages, {} RTCDataChannelBuffer live, {} offers asked",
                        receiver.session().engineRenewals(), RENEWALS * BOUND, held, asked);
                assertTrue(held <= 3 * BOUND, held + " data-channel messages still held after " + RENEWALS
                        + " renewals at a bound of " + BOUND);
                assertTrue(asked >= RENEWALS + 1, "the receiver asked again after each renewal: " + asked);
                Thread.sleep(1000); // then images from the newest engine too
                lines = images.output().stream().filter(l -> l.startsWith("IMAGE ")).toList();
            }
            assertTrue(lines.size() >= n, "depth images across the renewals: " + lines.size());
            long lastStamp = 0;
            long longestGapNs = 0;
            long lastRecv = 0;
            for (String line : lines) {
                Map<String, String> f = PeerProcess.fields(line);
                assertEquals("0", f.get("bad"), "pixels differing from the section-8 pattern: " + line);
                long stamp = Long.parseLong(f.get("sec")) * 1_000_000_000L + Long.parseLong(f.get("nanosec"));
                assertTrue(stamp > lastStamp, "stamps increase across renewals");
                lastStamp = stamp;
                long recv = Long.parseLong(f.get("recv_ns"));
                if (lastRecv != 0) {
                    longestGapNs = Math.max(longestGapNs, recv - lastRecv);
                }
                lastRecv = recv;
            }
            LOG.warn("engine renewal: {} exact depth images, longest gap {} ms", lines.size(), longestGapNs / 1_000_000);
            assertTrue(longestGapNs < Duration.ofSeconds(5).toNanos(), "a renewal stopped depth for "
                    + longestGapNs / 1_000_000 + " ms");
            assertTrue(fixture.fatalMessages().isEmpty(), fixture.fatalMessages().toString());
        }
    }

    /** Live instances of a class in this JVM: {@code jcmd PID GC.class_histogram} (a full GC first). */
    private static long liveInstances(String className) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        long count = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 4 && cols[3].equals(className)) {
                    count += Long.parseLong(cols[1]);
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd GC.class_histogram failed");
        return count;
    }
}
