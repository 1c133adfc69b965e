package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegDecoder;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.ros.RosReceiver;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.session.SessionState.Phase;
import dev.camrtc.sender.RunningSender;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Signaling server + test-pattern sender + ros-receiver, all real, in this process; Cyclone DDS C subscribers
 * (separate processes) read the ROS 2 topics (images, camera_info, and with {@code --compressed} the JPEG
 * topics). WebRTC crosses the test namespace's veth, DDS stays on lo.
 */
@Tag("media")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RosReceiverEndToEndTest {
    private static final String NODE = "e2e_receiver";
    private static RosFixture fixture;
    private static RunningSender sender;
    private static RosReceiver receiver;

    @BeforeAll
    static void start() {
        fixture = new RosFixture(51);
        sender = fixture.sender(RosFixture.SENDER);
        receiver = fixture.receiver("--sender-name", RosFixture.SENDER, "--node-name", NODE, "--compressed");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void colorAndInfraredArriveAtFullRateWithHeadersAndFrameStampsDespiteASlowSubscriber() throws Exception {
        int n = 75;
        try (PeerProcess slow = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable", "volatile",
                n, 25, "--slow-ms", "150");
             PeerProcess color = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable", "volatile",
                n, 25, "--band");
             PeerProcess ir = fixture.subscriber("image", "rt/realsense/stereo/image_raw", "best_effort", "volatile",
                     n, 25, "--band")) {
            List<ImageLine> colorLines = ImageLine.all(color.finish(Duration.ofSeconds(30)));
            ImageStreamCheck.check(colorLines, n, "bgr8", 1920, "realsense_color_optical_frame");
            ImageStreamCheck.check(ImageLine.all(ir.finish(Duration.ofSeconds(30))), n, "mono8", 640,
                    "realsense_infra1_optical_frame");
            long from = colorLines.get(0).recvNanos();
            long to = colorLines.get(n - 1).recvNanos();
            long slowGot = ImageLine.all(slow.output()).stream()
                    .filter(l -> l.recvNanos() >= from && l.recvNanos() <= to).count();
            assertTrue(slowGot < n / 2, "the 150 ms/image subscriber took " + slowGot + " images meanwhile, "
                    + "while the others got " + n + " at full rate");
        }
        assertEquals(Phase.STREAMING, receiver.session().phase());
        assertEquals(sender.signaling().senderId(), receiver.session().streamingFrom());
        assertEquals(0, receiver.publishing().stream("color").compressedCount(),
                "no JPEG is encoded while image_raw/compressed has no subscriber");
    }

    @Test
    @Order(2)
    void compressedTopicsCarryJpegsOfTheImagesWithTheirStampAndFrameId() throws Exception {
        try (PeerProcess color = fixture.subscriber("compressed", "rt/realsense/color/image_raw/compressed", "reliable",
                "volatile", 5, 20, "--data");
             PeerProcess ir = fixture.subscriber("compressed", "rt/realsense/stereo/image_raw/compressed",
                     "best_effort", "volatile", 3, 20, "--data")) {
            checkJpegs(color.finish(Duration.ofSeconds(25)), 5, PixelFormat.BGR8, "realsense_color_optical_frame");
            checkJpegs(ir.finish(Duration.ofSeconds(25)), 3, PixelFormat.MONO8, "realsense_infra1_optical_frame");
        }
        assertTrue(receiver.publishing().stream("color").compressedCount() >= 5, "JPEGs counted by the receiver");
    }

    /** JPEGs (FF D8) of 640x480 frames whose frame stamp (decoded from the JPEG) is the header stamp. */
    private static void checkJpegs(List<String> output, int n, PixelFormat format, String frameId) {
        List<Map<String, String>> lines = output.stream().filter(l -> l.startsWith("COMPRESSED "))
                .map(PeerProcess::fields).toList();
        assertEquals(n, lines.size(), frameId + " JPEGs received");
        int stamped = 0;
        for (Map<String, String> l : lines) {
            assertEquals("jpeg", l.get("format"));
            assertEquals(frameId, l.get("frame_id"));
            byte[] jpeg = HexFormat.of().parseHex(l.get("data"));
            assertEquals(Integer.parseInt(l.get("len")), jpeg.length);
            assertEquals((byte) 0xFF, jpeg[0]);
            assertEquals((byte) 0xD8, jpeg[1]);
            CameraFrame f = JpegDecoder.decode("check", jpeg, jpeg.length, format, 0, 0);
            assertEquals(640, f.width());
            assertEquals(480, f.height());
            long stampMillis = (Long.parseLong(l.get("sec")) * 1_000_000_000L + Long.parseLong(l.get("nanosec")))
                    / 1_000_000;
            var stamp = FrameStamp.decode(f.buffer(), f.width(), f.height(), format);
            if (stamp.isPresent()) {
                assertEquals(stamp.get().captureTimeMillis(), stampMillis, "header.stamp is the frame's capture time");
                stamped++;
            }
        }
        assertTrue(stamped >= n - 1, "frame stamps decoded from " + stamped + " of " + n + " " + frameId + " JPEGs");
    }

    @Test
    @Order(3)
    void nodeIsAnnouncedAndCameraInfoCarriesTheIntrinsics() throws Exception {
        try (PeerProcess discovery = fixture.subscriber("discovery", "ros_discovery_info", "reliable",
                "transient_local", 1, 10);
             PeerProcess colorInfo = fixture.subscriber("camerainfo", "rt/realsense/color/camera_info", "reliable",
                     "volatile", 2, 15);
             PeerProcess irInfo = fixture.subscriber("camerainfo", "rt/realsense/stereo/camera_info", "reliable",
                     "volatile", 2, 15)) {
            String node = discovery.await("DISCOVERY", Duration.ofSeconds(10));
            Map<String, String> d = PeerProcess.fields(node);
            assertEquals("/|" + NODE, d.get("node"), node);
            assertTrue(d.get("writers").split(",").length >= 4, "image + camera_info writers announced: " + node);

            Map<String, String> c = PeerProcess.fields(colorInfo.await("CAMERAINFO", Duration.ofSeconds(10)));
            assertEquals("640", c.get("w"));
            assertEquals("480", c.get("h"));
            assertEquals("plumb_bob", c.get("model"));
            assertEquals("0.10000000000000001,-0.20000000000000001,0.001,0.002,0.050000000000000003", c.get("d"));
            assertEquals("615.5,0,321,0,615.25,239.5,0,0,1", c.get("k"));
            assertEquals("615.5,0,321,0,0,615.25,239.5,0,0,0,1,0", c.get("p"));
            assertEquals("realsense_color_optical_frame", c.get("frame_id"));

            Map<String, String> i = PeerProcess.fields(irInfo.await("CAMERAINFO", Duration.ofSeconds(10)));
            assertEquals("plumb_bob", i.get("model"));
            assertEquals("0,0,0,0,0", i.get("d"));
            assertEquals("385,0,320,0,385,240,0,0,1", i.get("k"));
            assertEquals("realsense_infra1_optical_frame", i.get("frame_id"));
        }
    }

    @Test
    @Order(4)
    void publishingResumesWhenTheSenderLeavesAndComesBack() throws Exception {
        String oldId = sender.signaling().senderId();
        sender.close();
        awaitPhase(Phase.WAITING_FOR_SENDER, Duration.ofSeconds(10));
        long restart = System.currentTimeMillis();
        sender = fixture.sender(RosFixture.SENDER);
        try (PeerProcess color = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable", "volatile",
                20, 25, "--band")) {
            List<ImageLine> lines = ImageLine.all(color.finish(Duration.ofSeconds(30)));
            assertEquals(20, lines.size());
            assertTrue(lines.stream().allMatch(l -> l.frameStamp().isEmpty()
                    || l.frameStamp().get().captureTimeMillis() >= restart), "frames of the returned sender");
        }
        awaitPhase(Phase.STREAMING, Duration.ofSeconds(5));
        assertTrue(!oldId.equals(receiver.session().streamingFrom()), "now receiving the new sender id");
    }

    @Test
    @Order(5)
    void publishingGoesOnAfterTheSignalingServerRestarts() throws Exception {
        fixture.restartServer();
        long end = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (!sender.signaling().senderId().equals(receiver.session().streamingFrom())) {
            if (System.nanoTime() > end) {
                throw new AssertionError("receiver streams from " + receiver.session().streamingFrom()
                        + ", the sender is " + sender.signaling().senderId() + " after the restart");
            }
            Thread.sleep(20); // the sender registers again under a new id; the receiver follows it by name
        }
        assertEquals(Phase.STREAMING, receiver.session().phase());
        long after = System.currentTimeMillis();
        try (PeerProcess color = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable", "volatile",
                10, 20, "--band")) {
            List<ImageLine> lines = ImageLine.all(color.finish(Duration.ofSeconds(25)));
            assertEquals(10, lines.size());
            assertTrue(lines.stream().anyMatch(l -> l.frameStamp().isPresent()
                    && l.frameStamp().get().captureTimeMillis() >= after), "fresh frames after the restart");
        }
    }

    private static void awaitPhase(Phase phase, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (receiver.session().phase() != phase) {
            if (System.nanoTime() > end) {
                throw new AssertionError("receiver is " + receiver.session().phase() + ", expected " + phase);
            }
            Thread.sleep(20);
        }
    }
}
