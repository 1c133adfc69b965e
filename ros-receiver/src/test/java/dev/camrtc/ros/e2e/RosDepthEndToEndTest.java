package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.CompressedDepth;
import dev.camrtc.ros.RosReceiver;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.depth.DepthRepublisher;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lossless depth (PROTOCOL.md 8) end to end: a test-side depth sender ({@link DepthPatternOfferer}, the
 * section-8 test pattern over a real data channel) -> real signaling server -> ROS receivers -> Cyclone DDS C
 * subscribers, which check every pixel of every 16UC1 image against the section-8 formula themselves, and
 * decode compressedDepth with their own C implementation of compressed_depth_image_transport's layout.
 */
@Tag("media")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RosDepthEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(RosDepthEndToEndTest.class);
    private static final String NAME = "ros-depth-cam";
    private static RosFixture fixture;
    private static DepthPatternOfferer offerer;
    private static RosReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RosFixture(53);
        offerer = DepthPatternOfferer.start(URI.create(fixture.serverUrl()), NAME);
        receiver = fixture.receiver("--sender-name", NAME, "--node-name", "depth_receiver");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (offerer != null) {
            offerer.close();
        }
    }

    @Test
    @Order(1)
    void everyPixelOfEveryDepthImageIsTheSectionEightPatternWithCameraInfo() throws Exception {
        int n = 60;
        List<String> lines;
        try (PeerProcess images = fixture.subscriber("image", "rt/realsense/depth/image_raw", "reliable", "volatile",
                n, 40, "--depth-pattern");
             PeerProcess info = fixture.subscriber("camerainfo", "rt/realsense/depth/camera_info", "reliable",
                     "volatile", 2, 40)) {
            lines = images.finish(Duration.ofSeconds(45)).stream().filter(l -> l.startsWith("IMAGE ")).toList();
            Map<String, String> c = PeerProcess.fields(info.await("CAMERAINFO", Duration.ofSeconds(10)));
            assertEquals("640", c.get("w"));
            assertEquals("480", c.get("h"));
            assertEquals("plumb_bob", c.get("model"));
            assertEquals("0,0,0,0,0", c.get("d"));
            assertEquals("385.5,0,321.75,0,385.25,237.5,0,0,1", c.get("k"));
            assertEquals("realsense_depth_optical_frame", c.get("frame_id"));
        }
        assertEquals(n, lines.size());
        assertEquals(List.of(DepthPatternOfferer.DEPTH), offerer.requests().get(0).streams(),
                "lossless depth requested; not the colorized view, not the unknown data channel");
        long lastN = -1;
        long lastStamp = 0;
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            Map<String, String> f = PeerProcess.fields(lines.get(i));
            assertEquals("16UC1", f.get("enc"), lines.get(i));
            assertEquals("640", f.get("w"));
            assertEquals("480", f.get("h"));
            assertEquals("1280", f.get("step"));
            assertEquals("0", f.get("be"));
            assertEquals("realsense_depth_optical_frame", f.get("frame_id"));
            assertEquals("0", f.get("bad"), "pixels differing from the section-8 pattern: " + lines.get(i)
                    .replaceAll(" first=.*recv", " recv"));
            long frame = Long.parseLong(f.get("pattern_n"));
            assertTrue(frame >= 0, "frame counter recognised");
            assertTrue(lastN < 0 || frame != lastN, "every image is a new frame");
            lastN = frame;
            long stamp = Long.parseLong(f.get("sec")) * 1_000_000_000L + Long.parseLong(f.get("nanosec"));
            assertTrue(stamp > lastStamp, "stamps increase");
            lastStamp = stamp;
            latency[i] = (Long.parseLong(f.get("recv_ns")) - stamp) / 1e6;
        }
        long first = Long.parseLong(PeerProcess.fields(lines.get(0)).get("recv_ns"));
        long last = Long.parseLong(PeerProcess.fields(lines.get(n - 1)).get("recv_ns"));
        double hz = (n - 1) / ((last - first) / 1e9);
        java.util.Arrays.sort(latency);
        LOG.warn("depth 16UC1: {} Hz at the Cyclone subscriber, capture-to-subscriber p50 {} ms (shared machine)",
                String.format("%.1f", hz), String.format("%.1f", latency[n / 2]));
        assertTrue(hz >= 10, "depth at " + hz + " Hz (>= 25 expected on an unloaded machine)");
        DepthRepublisher r = receiver.publishing().depthStream(DepthPatternOfferer.DEPTH);
        assertEquals(0, r.compressedCount(), "nothing on compressedDepth without a subscriber");
        assertEquals(0, r.failedCount());
        assertTrue(r.holderCount() <= 3, "frame holders are reused");
        assertEquals(1, r.pool().allocations(), "one off-heap depth buffer, reused");
    }

    @Test
    @Order(2)
    void compressedDepthCarriesTheReceivedRvlInTheImageTransportLayout() throws Exception {
        int n = 15;
        try (PeerProcess compressed = fixture.subscriber("compressed", "rt/realsense/depth/image_raw/compressedDepth",
                "reliable", "volatile", n, 40, "--depth-pattern")) {
            List<String> lines = compressed.finish(Duration.ofSeconds(45)).stream()
                    .filter(l -> l.startsWith("COMPRESSED ")).toList();
            assertEquals(n, lines.size());
            for (String line : lines) {
                assertTrue(line.startsWith("COMPRESSED format=" + CompressedDepth.FORMAT + " frame_id="
                        + "realsense_depth_optical_frame "), line);
                String tail = line.substring(line.indexOf(" frame_id="));
                Map<String, String> f = PeerProcess.fields(tail);
                assertEquals("640", f.get("cols"));
                assertEquals("480", f.get("rows"));
                assertEquals("0", f.get("bad"), "decoded pixels differing from the section-8 pattern: " + tail);
                assertTrue(Long.parseLong(f.get("pattern_n")) >= 0);
                assertTrue(Integer.parseInt(f.get("len")) < 640 * 480, "RVL-compressed, not raw: " + tail);
            }
        }
        assertTrue(receiver.publishing().depthStream(DepthPatternOfferer.DEPTH).compressedCount() >= n);
    }

    @Test
    @Order(3)
    void realsenseRosLayoutUsesTheRealsense2CameraDepthTopic() throws Exception {
        fixture.receiver("--sender-name", NAME, "--node-name", "depth_receiver_rs", "--topics", "realsense-ros");
        try (PeerProcess images = fixture.subscriber("image", "rt/camera/camera/depth/image_rect_raw", "reliable",
                "volatile", 10, 40, "--depth-pattern");
             PeerProcess info = fixture.subscriber("camerainfo", "rt/camera/camera/depth/camera_info", "reliable",
                     "volatile", 1, 40)) {
            List<String> lines = images.finish(Duration.ofSeconds(45)).stream()
                    .filter(l -> l.startsWith("IMAGE ")).toList();
            assertEquals(10, lines.size());
            for (String line : lines) {
                {
                    Map<String, String> f = PeerProcess.fields(line);
                    assertEquals("camera_depth_optical_frame", f.get("frame_id"));
                    assertEquals("16UC1", f.get("enc"));
                    assertEquals("0", f.get("bad"));
                }
            }
            assertEquals("camera_depth_optical_frame",
                    PeerProcess.fields(info.await("CAMERAINFO", Duration.ofSeconds(10))).get("frame_id"));
        }
    }
}
