package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.protocol.StreamDescription;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ROS 2 topics published by eProsima Fast DDS (the default rmw of ROS 2) to a WebRTC receiver end to end, inside
 * scripts/netns-run.sh: Fast DDS C++ publishers (fastdds_pub, types from fastddsgen; not our code) publish bgr8 color
 * and 16UC1 depth, each with its camera_info, and a real sender (Cyclone DDS inside) runs with
 * {@code --source ros:...}. The receiver checks what {@link RosSourceScenario} checks for the Cyclone publishers:
 * intrinsics = camera_info (color and depth), color at full rate with the publisher's stamps, every depth pixel
 * exact and its capture time a header.stamp the publisher wrote.
 */
@Tag("media")
class FastDdsSourceEndToEndTest {
    private static final int DOMAIN = 70;

    private static RosSourceScenario scenario;
    private static PeerProcess color;
    private static PeerProcess depth;
    private static SenderFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        scenario = new RosSourceScenario(TestPeers.fastDdsPublisher(), DOMAIN);
        color = scenario.publish("rt/fast/color/image_raw", "bgr8", "--band", "--info", "rt/fast/color/camera_info");
        depth = scenario.publish("rt/fast/depth/image_rect_raw", "16UC1", "--pattern-from-stamp",
                "--info", "rt/fast/depth/camera_info");
        fixture = scenario.startSender("/fast/color/image_raw", "/fast/depth/image_rect_raw");
    }

    @AfterAll
    static void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void theAnnouncementCarriesSizesEncodingsAndBothCameraInfos() throws Exception {
        Map<String, StreamDescription> s = RosSourceScenario.announcedColorAndDepth(fixture);
        assertEquals(Set.of("color", "depth_z16"), s.keySet());
        assertEquals(RosSourceScenario.CAMERA_INFO, s.get("depth_z16").intrinsics(), "depth intrinsics: its camera_info");
    }

    @Test
    void colorAtFullRateWithThePublishersStampsAndDepthExactWithItsHeaderStamp() throws Exception {
        RosSourceScenario.colorAtFullRateAndDepthExact(fixture, color, depth);
    }
}
