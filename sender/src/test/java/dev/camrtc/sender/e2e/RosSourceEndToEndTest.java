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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ROS 2 topics to a WebRTC receiver end to end, inside scripts/netns-run.sh: Cyclone C publishers (ros_pub, built
 * from the IDL; not our code) publish sensor_msgs/Image with known pixels and stamps, a real sender runs with
 * {@code --source ros:...}, and a Java receiver (media's AnsweringPeer, through the real signaling server) checks:
 * the announced size, encodings and intrinsics (= camera_info), color frames at full rate whose drawn stamp is
 * the publisher's, every depth pixel over the data channel exact and its capture time = header.stamp, and a
 * topic whose publisher starts late, stops and comes back. DDS and WebRTC share the test namespace: WebRTC
 * crosses its veth, DDS uses Cyclone's default interface choice on both sides.
 */
@Tag("media")
class RosSourceEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(RosSourceEndToEndTest.class);
    private static final int DOMAIN = 62;
    private static final Duration T = Duration.ofSeconds(20);
    private static final String COLOR = "rt/e2e/color/image_raw";
    private static final String DEPTH = "rt/e2e/depth/image_rect_raw";
    private static final String LATE = "rt/e2e/late/infra1/image_rect_raw";

    private static PeerProcess color;
    private static PeerProcess depth;
    private static SenderFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        color = publish(COLOR, "bgr8", "--band", "--info", "rt/e2e/color/camera_info");
        depth = publish(DEPTH, "16UC1", "--pattern-from-stamp");
        fixture = SenderFixture.startWithSourceFlags("--source",
                "ros:/e2e/color/image_raw,/e2e/depth/image_rect_raw,/e2e/late/infra1/image_rect_raw",
                "--ros-domain-id", Integer.toString(DOMAIN), "--ros-probe", "2000");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (color != null) {
            color.close();
        }
        if (depth != null) {
            depth.close();
        }
    }

    @Test
    void theAnnouncementCarriesSizesEncodingsAndTheCameraInfo() throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            Map<String, StreamDescription> s = cam.streams().stream()
                    .collect(Collectors.toMap(StreamDescription::name, d -> d));
            assertEquals(Set.of("color", "depth_z16", "infrared"), s.keySet());
            StreamDescription c = s.get("color");
            assertEquals(List.of(640, 480, "bgr8"), List.of(c.width(), c.height(), c.encoding()));
            assertEquals(new Intrinsics(615.5, 616.75, 321.25, 239.5, "brown_conrady", List.of(0.1, -0.2, 0.001, 0.002, 0.05)),
                    c.intrinsics());
            StreamDescription d = s.get("depth_z16");
            assertEquals(List.of(640, 480, "16UC1", "datachannel"), List.of(d.width(), d.height(), d.encoding(), d.transport()));
            assertEquals(0.001, d.depthUnits());
            StreamDescription late = s.get("infrared");
            assertEquals("mono8", late.encoding(), "a silent topic is announced from its role");
        }
    }

    @Test
    void colorAtFullRateWithThePublishersStampsAndDepthExactWithItsHeaderStamp() throws Exception {
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
            Set<Long> depthStampsMicros = new java.util.HashSet<>(PublishedFrames.stampMillisByCounter(depth).values().stream()
                    .map(ms -> ms * 1000).toList());
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

    @Test
    void aTopicWhosePublisherStartsLateStopsAndComesBackStreamsWheneverItPublishes() throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            TestReceiver.Watch w = r.watch(cam.senderId(), List.of("infrared"));
            w.awaitConnected(T);
            Thread.sleep(1000);
            assertEquals(0, w.report("infrared").frames(), "nothing before the publisher exists");
            for (int round = 0; round < 2; round++) {
                long before = w.report("infrared").frames();
                try (PeerProcess late = publish(LATE, "mono8", "--band", "--first", Integer.toString(1000 * round))) {
                    w.awaitFrames("infrared", (int) before + 30, T);
                }
                Thread.sleep(1500);
                long stopped = w.report("infrared").frames();
                Thread.sleep(1000);
                assertEquals(stopped, w.report("infrared").frames(), "round " + round + ": no frames once it stopped");
            }
            r.hangup(cam.senderId());
        }
        fixture.awaitSessions(0, T);
    }

    /** A ros_pub publishing 640x480 at 30 Hz until closed. */
    private static PeerProcess publish(String topic, String encoding, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(topic, encoding, "640", "480", "0", "30"));
        args.addAll(List.of(extra));
        PeerProcess p = new PeerProcess(TestPeers.command(TestPeers.cyclonePublisher(), args.toArray(String[]::new)),
                DdsTestSupport.peerEnv(DOMAIN));
        p.await("READY", Duration.ofSeconds(60));
        return p;
    }

}
