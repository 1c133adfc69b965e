package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.PublishedFrames;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.signaling.TestServer;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done when" in the browser: a Cyclone DDS C publisher's images (ros_pub, built from the IDL) on a
 * ROS 2 topic, the real sender with {@code --source ros:...}, the real signaling server, and the web viewer in
 * headless Chromium over real WebRTC (inside scripts/netns-run.sh): the viewer lists the stream at the announced
 * size, plays it at full rate, shows a latency, and the frame it shows carries the publisher's header.stamp.
 */
@Tag("media")
class RosSourceViewerBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NAME = "ros-robot";
    private static final int DOMAIN = 66;

    @Test
    void theViewerPlaysARosTopicAtFullRateWithThePublishersStamps() throws Exception {
        Chromium chromium = Chromium.shared();
        try (TestServer server = TestServer.start();
             PeerProcess color = new PeerProcess(TestPeers.command(TestPeers.cyclonePublisher(), "rt/view/color/image_raw",
                     "bgr8", "640", "480", "0", "30", "--band", "--info", "rt/view/color/camera_info"),
                     Map.of("ROS_DOMAIN_ID", Integer.toString(DOMAIN)));
             RunningSender sender = RunningSender.start(SenderConfig.parse("--server", "ws://" + server.uri().getAuthority(),
                     "--name", NAME, "--mjpeg-port", "0", "--source", "ros:/view/color/image_raw",
                     "--ros-domain-id", Integer.toString(DOMAIN)))) {
            server.awaitSender(NAME, WAIT);
            chromium.driver().get(server.uri().toString());
            chromium.waitForText("li[data-sender-name='" + NAME + "'] .sender-streams", "RGB 640×480 @30", WAIT);
            chromium.click("li[data-sender-name='" + NAME + "'] a", WAIT);
            chromium.waitFor("#player[data-state='playing']", WAIT);
            chromium.waitUntil(() -> framesShown(chromium) > 0, "the first frame is shown", WAIT);

            long shown = framesShown(chromium);
            Thread.sleep(3000);
            long rate = (framesShown(chromium) - shown) / 3;
            System.out.println("viewer: ROS topic shown at " + rate + " fps");
            assertTrue(rate >= 20, "full rate (30 published): " + rate + " fps shown over 3 s");
            String latency = chromium.waitForText(".tile[data-stream='color'] [data-stat='latency'] dd", " ms", WAIT);
            System.out.println("viewer: DDS publication -> browser latency shown: " + latency);
            int latencyMs = Integer.parseInt(latency.replace(" ms", "").trim());
            assertTrue(latencyMs >= 0 && latencyMs < 1000, "latency " + latency);

            BufferedImage png = ViewerSnapshot.take(chromium);
            assertEquals(640, png.getWidth());
            FrameStamp.Stamp stamp = ViewerSnapshot.stamp(png)
                    .orElseThrow(() -> new AssertionError("the shown frame carries the publisher's stamp band"));
            assertEquals(PublishedFrames.stampMillisByCounter(color).get(stamp.counter()), stamp.captureTimeMillis(),
                    "the shown frame " + stamp.counter() + " has its header.stamp");
        }
    }

    /** Frames the color tile's <video> presented (requestVideoFrameCallback count). */
    private static long framesShown(Chromium chromium) {
        Object n = chromium.script("const t = window.camrtc.stage.tile('color'); return t ? t.framesShown : -1;");
        return ((Number) n).longValue();
    }
}
