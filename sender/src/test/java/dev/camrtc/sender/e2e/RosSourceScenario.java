package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.DdsTestSupport;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.PublishedFrames;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ROS 2 source end to end, for any DDS implementation's test publisher (ros_pub on Cyclone, fastdds_pub on Fast
 * DDS; both write the pixels, stamps and CameraInfo of ros-dds's test_frames.h): publishers on one domain, a real
 * sender with {@code --source ros:...} on it, and the checks a WebRTC receiver makes of what arrives. Closing it
 * stops the sender and every publisher it started.
 */
final class RosSourceScenario implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RosSourceScenario.class);
    static final Duration T = Duration.ofSeconds(20);
    /** The publishers' CameraInfo (plumb_bob is OpenCV's and RealSense's brown_conrady). */
    static final Intrinsics CAMERA_INFO = new Intrinsics(615.5, 616.75, 321.25, 239.5, "brown_conrady",
            List.of(0.1, -0.2, 0.001, 0.002, 0.05));

    private final Path publisher;
    private final int domain;
    private final List<PeerProcess> publishers = new ArrayList<>();
    private SenderFixture sender;

    /** Publishers run {@code publisher} (a binary from TestPeers) on DDS domain {@code domain}. */
    RosSourceScenario(Path publisher, int domain) {
        this.publisher = publisher;
        this.domain = domain;
    }

    /** A publisher of 640x480 at 30 Hz on DDS topic {@code topic} until closed, once it has created its writers. */
    PeerProcess publish(String topic, String encoding, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(topic, encoding, "640", "480", "0", "30"));
        args.addAll(List.of(extra));
        PeerProcess p = new PeerProcess(TestPeers.command(publisher, args.toArray(String[]::new)),
                DdsTestSupport.peerEnv(domain));
        publishers.add(p);
        p.await("READY", Duration.ofSeconds(60));
        return p;
    }

    /** A sender whose source is the ROS 2 topics {@code topics} on this domain. */
    SenderFixture startSender(String... topics) {
        sender = SenderFixture.startWithSourceFlags("--source", "ros:" + String.join(",", topics),
                "--ros-domain-id", Integer.toString(domain), "--ros-probe", "2000");
        return sender;
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
        publishers.forEach(PeerProcess::close);
    }

    /** The announced streams by name, after checking a 640x480 bgr8 "color" and a 16UC1 "depth_z16" stream. */
    static Map<String, StreamDescription> announcedColorAndDepth(SenderFixture fixture) throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            Map<String, StreamDescription> s = cam.streams().stream()
                    .collect(Collectors.toMap(StreamDescription::name, d -> d));
            StreamDescription c = s.get("color");
            assertEquals(List.of(640, 480, "bgr8"), List.of(c.width(), c.height(), c.encoding()));
            assertEquals(CAMERA_INFO, c.intrinsics(), "color intrinsics: its camera_info");
            StreamDescription d = s.get("depth_z16");
            assertEquals(List.of(640, 480, "16UC1", "datachannel"), List.of(d.width(), d.height(), d.encoding(), d.transport()));
            assertEquals(0.001, d.depthUnits());
            return s;
        }
    }

    /**
     * Watches "color" (published with --band) and "depth_z16" (published with --pattern-from-stamp): color at full
     * rate with the publisher's stamps, every depth pixel of every frame exact and its capture time a header.stamp
     * the depth publisher wrote, to the microsecond (the publishers' stamps have a non-zero microsecond within their
     * millisecond, so a capture time kept in milliseconds fails).
     */
    static void colorAtFullRateAndDepthExact(SenderFixture fixture, PeerProcess color, PeerProcess depth) throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            TestReceiver.Watch w = r.watch(cam.senderId(), List.of("color", "depth_z16"));
            w.awaitFrames("color", 10, T);
            w.depth().await(10, T);
            double bestColor = 0;
            double bestDepth = 0;
            for (int window = 0; window < 3 && (bestColor < 27 || bestDepth < 27); window++) {
                w.report("color").reset();
                w.depth().reset();
                Thread.sleep(3000);
                LOG.info("window {}: {} / {}", window, w.report("color"), w.depth());
                bestColor = Math.max(bestColor, w.report("color").fps());
                bestDepth = Math.max(bestDepth, w.depth().fps());
            }
            Map<Long, Long> published = PublishedFrames.stampMillisByCounter(color);
            Map<Long, Long> colorStamps = w.colorStamps();
            assertTrue(colorStamps.size() >= 30, "stamped color frames: " + colorStamps.size());
            colorStamps.forEach((n, ms) -> assertEquals(published.get(n), ms, "color frame " + n + ": the publisher's stamp"));
            assertEquals(List.of(), w.depth().captureTimeMismatches(), "every depth pixel of every frame");
            Set<Long> depthStampsMicros = new HashSet<>(PublishedFrames.stampMicrosByCounter(depth).values());
            Map<Long, Long> depthMicros = w.depth().captureMicros();
            assertTrue(depthMicros.size() >= 30, "depth frames: " + depthMicros.size());
            depthMicros.forEach((counter, micros) -> assertTrue(depthStampsMicros.contains(micros),
                    "depth frame " + counter + " captured at " + micros + " us: a header.stamp the publisher wrote"));
            // Shared 2-core machine: the rate bound leaves room; correctness above is strict.
            assertTrue(bestColor >= 20 && bestDepth >= 20, "color " + bestColor + " fps, depth " + bestDepth
                    + " fps (best 3 s window) of 30");
            r.hangup(cam.senderId());
        }
        fixture.awaitSessions(0, T);
    }
}
