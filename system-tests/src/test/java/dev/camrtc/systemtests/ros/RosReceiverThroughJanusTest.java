package dev.camrtc.systemtests.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.RosReceiver;
import dev.camrtc.ros.e2e.ImageLine;
import dev.camrtc.ros.e2e.ImageStreamCheck;
import dev.camrtc.ros.session.SessionState.Phase;
import dev.camrtc.systemtests.sender.JanusPatternSender;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The unchanged ROS receiver served through Janus (issue 13): the real sender publishes its test pattern once into a
 * real Janus from Debian ({@code --sfu}, Janus started by the test inside scripts/netns-run.sh) and relays Janus's
 * subscriber offer to the ROS receiver (in this process, as the other ROS end-to-end tests run it); real Cyclone DDS
 * C subscribers read the ROS topics. Color and infrared must arrive at full rate as bgr8 and mono8 640x480 with the
 * sender's frame stamps (decoded from the pixels' stamp band) as their header stamps, and the sender must have served
 * the receiver through Janus, not peer-to-peer.
 */
@Tag("media")
class RosReceiverThroughJanusTest {

    private static final String NAME = "ros-janus-cam";
    private static final int DOMAIN = 85;

    private TestServer server;
    private JanusPatternSender sfu;
    private RosPeers ros;

    @AfterEach
    void stop() throws Exception {
        if (ros != null) {
            ros.close();
        }
        if (sfu != null) {
            sfu.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void colorAndInfraredArriveOnTheRosTopicsFromJanusAtFullRateWithTheirFrameStamps() throws Exception {
        server = TestServer.start();
        sfu = JanusPatternSender.start(server.uri(), NAME, Duration.ofSeconds(15));
        PatternSender sender = sfu.sender();
        ros = new RosPeers("ws://" + server.uri().getAuthority(), DOMAIN);
        RosReceiver receiver = ros.receiver("--sender-name", NAME, "--node-name", "janus_ros");
        int n = 75;
        try (PeerProcess color = ros.subscriber("image", "rt/realsense/color/image_raw", n, 40, "--band");
             PeerProcess ir = ros.subscriber("image", "rt/realsense/stereo/image_raw", n, 40, "--band")) {
            ImageStreamCheck.check(ImageLine.all(color.finish(Duration.ofSeconds(45))), n, "bgr8", 1920,
                    "realsense_color_optical_frame");
            ImageStreamCheck.check(ImageLine.all(ir.finish(Duration.ofSeconds(45))), n, "mono8", 640,
                    "realsense_infra1_optical_frame");
        }
        assertEquals(Phase.STREAMING, receiver.session().phase());
        assertEquals(sender.running().signaling().senderId(), receiver.session().streamingFrom());
        assertEquals(List.of(receiver.session().registered().receiverId()),
                sender.running().signaling().relayedReceivers(), "the ROS receiver is served through Janus");
        assertEquals(List.of(), sender.running().signaling().sessionPeers(), "no peer-to-peer session");
        assertTrue(sender.running().relay().orElseThrow().available(), "Janus still in use");
        assertEquals(List.of(), ros.fatalMessages());
    }
}
