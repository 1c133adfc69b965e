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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unchanged ROS receiver served through Janus (issue 13): the real sender publishes its test pattern once into a
 * real Janus from Debian ({@code --sfu}, Janus started by the test inside scripts/netns-run.sh) and relays Janus's
 * subscriber offer to the ROS receiver (in this process, as the other ROS end-to-end tests run it); real Cyclone DDS
 * C subscribers read the ROS topics. Color and infrared must arrive at full rate as bgr8 and mono8 640x480 with the
 * sender's frame stamps (decoded from the pixels' stamp band) as their header stamps, the color topic must carry the
 * colourful stream (Janus's m-lines mapped to the right names), and the sender must have served
 * the receiver through Janus, not peer-to-peer.
 */
@Tag("media")
class RosReceiverThroughJanusTest {

    private static final Logger LOG = LoggerFactory.getLogger(RosReceiverThroughJanusTest.class);
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
        RosReceiver receiver = ros.receiver("--sender-name", NAME, "--node-name", "janus_ros", "--compressed");
        int n = 75;
        try (PeerProcess color = ros.subscriber("image", "rt/realsense/color/image_raw", n, 40, "--band");
             PeerProcess ir = ros.subscriber("image", "rt/realsense/stereo/image_raw", n, 40, "--band")) {
            ImageStreamCheck.check(ImageLine.all(color.finish(Duration.ofSeconds(45))), n, "bgr8", 1920,
                    "realsense_color_optical_frame");
            ImageStreamCheck.check(ImageLine.all(ir.finish(Duration.ofSeconds(45))), n, "mono8", 640,
                    "realsense_infra1_optical_frame");
        }
        // Janus's m-lines mapped to the right names: the color topic carries the colourful stream, not infrared
        try (PeerProcess jpegs = ros.subscriber("compressed", "rt/realsense/color/image_raw/compressed", 3, 20,
                "--data")) {
            List<String> lines = jpegs.finish(Duration.ofSeconds(25)).stream()
                    .filter(l -> l.startsWith("COMPRESSED ")).toList();
            assertEquals(3, lines.size(), "color JPEGs received");
            for (String line : lines) {
                double chroma = chroma(HexFormat.of().parseHex(PeerProcess.fields(line).get("data")));
                LOG.warn("through Janus: color topic JPEG chroma {}", String.format("%.1f", chroma));
                assertTrue(chroma > 10, "the color topic carries the colourful stream: chroma " + chroma);
            }
        }
        assertEquals(Phase.STREAMING, receiver.session().phase());
        assertEquals(sender.running().signaling().senderId(), receiver.session().streamingFrom());
        assertEquals(List.of(receiver.session().registered().receiverId()),
                sender.running().signaling().relayedReceivers(), "the ROS receiver is served through Janus");
        assertEquals(List.of(), sender.running().signaling().sessionPeers(), "no peer-to-peer session");
        assertTrue(sender.running().relay().orElseThrow().available(), "Janus still in use");
        assertEquals(List.of(), ros.fatalMessages());
    }

    /** Mean |R-G| + |G-B| of a JPEG: 0 for grey images, tens for the colour test pattern. */
    private static double chroma(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                sum += Math.abs(r - g) + Math.abs(g - b);
                n++;
            }
        }
        return sum / n;
    }
}
