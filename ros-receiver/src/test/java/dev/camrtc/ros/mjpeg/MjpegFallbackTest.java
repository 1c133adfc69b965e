package dev.camrtc.ros.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.dds.cyclone.CycloneGraph;
import dev.camrtc.ros.publish.RosPublishing;
import dev.camrtc.ros.publish.TopicLayout;
import dev.camrtc.ros.frame.ReceivedImage;
import dev.camrtc.ros.session.StreamOutput;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MJPEG fallback against a real sender's MJPEG server (PROTOCOL.md 5): both streams decoded in their
 * encodings with their frame stamps, into the same ROS topics, read by the Cyclone C subscriber.
 */
@Tag("media")
class MjpegFallbackTest {
    private static final int DOMAIN = 53;
    private static final String LO_ONLY = "<CycloneDDS><Domain><General><Interfaces>"
            + "<NetworkInterface name=\"lo\" multicast=\"true\"/></Interfaces></General></Domain></CycloneDDS>";

    @Test
    void senderMjpegStreamsArePublishedOnTheSameTopicsWithFrameStamps() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        try (RunningSender sender = RunningSender.start(SenderConfig.parse("--server", "ws://127.0.0.1:9", "--name",
                "mjpeg-cam", "--mjpeg-port", Integer.toString(port), "--mjpeg-bind", "127.0.0.1", "--mjpeg-url", url),
                new TestPatternSource(TestPatternOptions.defaults("mjpeg-cam")));
             RosPublishing ros = new RosPublishing(CycloneGraph.open(DdsOptions.fromEnvironment().withDomainId(DOMAIN)
                     .withNode("mjpeg_receiver", "/").withCycloneXml(LO_ONLY)), new TopicLayout(TopicLayout.Scheme.DEMO),
                     QosOptions.defaults());
             PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(16), "image",
                     "rt/realsense/stereo/image_raw", "reliable", "volatile", "20", "25", "--band"),
                     Map.of("ROS_DOMAIN_ID", Integer.toString(DOMAIN), "CYCLONEDDS_URI", LO_ONLY))) {
            sub.await("READY", Duration.ofSeconds(15));
            List<StreamDescription> streams = sender.source().streams();
            List<CameraFrame> colorFrames = new CopyOnWriteArrayList<>();
            StreamOutput output = new StreamOutput() {
                @Override
                public void announce(String label, List<StreamDescription> s) {
                    ros.announce(label, s);
                }

                @Override
                public void deliver(ReceivedImage image) {
                    if (image.stream().equals("color")) {
                        colorFrames.add(image.convert(null).frame()); // a fallback image owns its pixels
                    }
                    ros.deliver(image);
                }

                @Override
                public void deliverDepth(dev.camrtc.media.rtc.ReceivedDepthFrame frame) {
                    throw new AssertionError("the MJPEG fallback has no depth");
                }
            };
            output.announce("test", streams);
            MjpegFallback fallback = new MjpegFallback(output, null, "127.0.0.1", false);
            fallback.start(new SenderInfo("s-test", "mjpeg-cam", streams, url));
            assertTrue(fallback.active());
            List<String> lines = sub.finish(Duration.ofSeconds(30));
            List<Map<String, String>> images = lines.stream().filter(l -> l.startsWith("IMAGE "))
                    .map(PeerProcess::fields).toList();
            assertEquals(20, images.size(), "infrared images from the MJPEG fallback: " + lines);
            for (Map<String, String> i : images) {
                assertEquals("mono8", i.get("enc"));
                assertEquals("640", i.get("step"));
                assertEquals("realsense_infra1_optical_frame", i.get("frame_id"));
            }
            assertTrue(colorFrames.size() >= 10, "color frames decoded: " + colorFrames.size());
            CameraFrame last = colorFrames.get(colorFrames.size() - 1);
            assertEquals(640, last.width());
            assertEquals("bgr8", last.format().rosEncoding());
            long stamped = colorFrames.stream().filter(f -> FrameStamp.decode(f).isPresent()).count();
            assertTrue(stamped >= colorFrames.size() * 9 / 10, stamped + " of " + colorFrames.size() + " stamped");
            assertTrue(ros.stream("infrared").publishedCount() >= 20);
            fallback.stop();
            assertFalse(fallback.active());
            int after = colorFrames.size();
            Thread.sleep(300);
            assertTrue(colorFrames.size() <= after + 1, "no frames after stop");
        }
    }
}
