package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * ROS 2 topics to a WebRTC receiver end to end, inside scripts/netns-run.sh: Cyclone C publishers (ros_pub, built
 * from the IDL; not our code) publish sensor_msgs/Image with known pixels and stamps, a real sender runs with
 * {@code --source ros:...}, and a Java receiver (media's AnsweringPeer, through the real signaling server) checks:
 * the announced size, encodings and intrinsics (= camera_info), color frames at full rate whose drawn stamp is
 * the publisher's, every depth pixel over the data channel exact and its capture time = header.stamp, and a
 * topic whose publisher starts late, stops and comes back (checks shared with the Fast DDS test:
 * {@link RosSourceScenario}). DDS and WebRTC share the test namespace: WebRTC crosses its veth, DDS uses Cyclone's
 * default interface choice on both sides.
 */
@Tag("media")
class RosSourceEndToEndTest {
    private static final int DOMAIN = 62;
    private static final Duration T = RosSourceScenario.T;
    private static final String COLOR = "rt/e2e/color/image_raw";
    private static final String DEPTH = "rt/e2e/depth/image_rect_raw";
    private static final String LATE = "rt/e2e/late/infra1/image_rect_raw";

    private static RosSourceScenario scenario;
    private static PeerProcess color;
    private static PeerProcess depth;
    private static SenderFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        scenario = new RosSourceScenario(TestPeers.cyclonePublisher(), DOMAIN);
        color = scenario.publish(COLOR, "bgr8", "--band", "--info", "rt/e2e/color/camera_info");
        depth = scenario.publish(DEPTH, "16UC1", "--pattern-from-stamp");
        fixture = scenario.startSender("/e2e/color/image_raw", "/e2e/depth/image_rect_raw", "/e2e/late/infra1/image_rect_raw");
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theAnnouncementCarriesSizesEncodingsAndTheCameraInfo() throws Exception {
        Map<String, StreamDescription> s = RosSourceScenario.announcedColorAndDepth(fixture);
        assertEquals(Set.of("color", "depth_z16", "infrared"), s.keySet());
        assertEquals("mono8", s.get("infrared").encoding(), "a silent topic is announced from its role");
    }

    @Test
    void colorAtFullRateWithThePublishersStampsAndDepthExactWithItsHeaderStamp() throws Exception {
        RosSourceScenario.colorAtFullRateAndDepthExact(fixture, color, depth);
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
                try (PeerProcess late = scenario.publish(LATE, "mono8", "--band", "--first", Integer.toString(1000 * round))) {
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
}
