package dev.camrtc.systemtests.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.PeerProcess;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.realsense.RealSenseStream;
import dev.camrtc.sender.camera.realsense.RealSenseTestRecording;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.systemtests.signaling.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lossless depth (PROTOCOL.md 8) end to end with every part real: the sender as its command line starts it
 * ({@code --enable-depth}, test pattern or a RealSense recording) -> the signaling server -> the ROS receiver ->
 * a Cyclone DDS C subscriber process, which checks every pixel of every 16UC1 image itself (the section-8
 * formula, or the recording's bytes by hash).
 */
@Tag("media")
class RealSenderRosDepthTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealSenderRosDepthTest.class);
    /** The test pattern repeats after 5600 frames (ros_sub prints the counter modulo 5600). */
    private static final int PATTERN_PERIOD = 5600;

    @TempDir
    Path dir;
    private TestServer server;
    private RunningSender sender;
    private RosPeers ros;

    @AfterEach
    void stop() {
        if (ros != null) {
            ros.close();
        }
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(int domain, String name, String... senderArgs) {
        server = TestServer.start();
        String ws = "ws://" + server.uri().getAuthority();
        List<String> args = new java.util.ArrayList<>(List.of("--server", ws, "--name", name, "--mjpeg-port", "0"));
        args.addAll(List.of(senderArgs));
        sender = RunningSender.start(SenderConfig.parse(args.toArray(String[]::new)));
        ros = new RosPeers(ws, domain);
    }

    @Test
    void testPatternDepthArrivesExactAndAtTheSendersRate() throws Exception {
        start(61, "real-depth-cam", "--source", "testpattern", "--enable-depth");
        ros.receiver("--sender-name", "real-depth-cam", "--node-name", "real_depth");
        int n = 90;
        List<Map<String, String>> images;
        try (PeerProcess sub = ros.subscriber("image", "rt/realsense/depth/image_raw", n, 60, "--depth-pattern")) {
            images = RosPeers.images(sub.finish(Duration.ofSeconds(75)));
        }
        assertEquals(n, images.size());
        long previous = -1;
        for (Map<String, String> f : images) {
            assertEquals("16UC1", f.get("enc"));
            assertEquals("640", f.get("w"));
            assertEquals("480", f.get("h"));
            assertEquals("1280", f.get("step"));
            assertEquals("realsense_depth_optical_frame", f.get("frame_id"));
            assertEquals("0", f.get("bad"), "pixels differing from the section-8 pattern of frame "
                    + f.get("pattern_n"));
            long counter = Long.parseLong(f.get("pattern_n"));
            assertTrue(counter >= 0, "frame counter recognised");
            assertTrue(counter != previous, "every image is a new frame");
            previous = counter;
        }
        // The sender's rate is 30 fps when the machine keeps up; the chain must deliver >= 25 of every 30
        // frames the sender captured over the same span (>= 25 Hz at 30 fps), whatever the machine's load.
        long span = Math.floorMod(Long.parseLong(images.get(n - 1).get("pattern_n"))
                - Long.parseLong(images.get(0).get("pattern_n")), PATTERN_PERIOD) + 1;
        double hz = RosPeers.hz(images);
        double sourceHz = hz * span / n;
        LOG.warn("real sender test-pattern depth: {} Hz at the Cyclone subscriber, {} of {} captured frames "
                        + "delivered (sender at {} fps)", String.format("%.1f", hz), n, span,
                String.format("%.1f", sourceHz));
        assertTrue(n * 30L >= span * 25L, n + " of " + span + " captured frames delivered (" + hz + " Hz)");
        assertEquals(List.of(), ros.fatalMessages());
    }

    @Test
    void recordedDepthArrivesExactlyAsRecorded() throws Exception {
        int frames = 10;
        Path bag = dir.resolve("d435.bag");
        RealSenseTestRecording.write(bag, frames);
        Map<String, Integer> recorded = new HashMap<>();
        for (int i = -1; i < frames; i++) {
            recorded.put(fnv1a(RealSenseTestRecording.expectedPixels(RealSenseStream.DEPTH, i)), i);
        }
        start(62, "bag-depth-cam", "--source", "bag:" + bag, "--enable-depth");
        ros.receiver("--sender-name", "bag-depth-cam", "--node-name", "bag_depth");
        int n = 45;
        List<Map<String, String>> images;
        String info;
        try (PeerProcess sub = ros.subscriber("image", "rt/realsense/depth/image_raw", n, 60);
             PeerProcess infoSub = ros.subscriber("camerainfo", "rt/realsense/depth/camera_info", 1, 60)) {
            images = RosPeers.images(sub.finish(Duration.ofSeconds(75)));
            info = infoSub.await("CAMERAINFO", Duration.ofSeconds(15));
        }
        assertEquals(n, images.size());
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (Map<String, String> f : images) {
            assertEquals("16UC1", f.get("enc"));
            assertEquals("640", f.get("w"));
            assertEquals("480", f.get("h"));
            assertEquals(Integer.toString(640 * 480 * 2), f.get("len"));
            Integer index = recorded.get(f.get("fnv"));
            assertTrue(index != null, "depth image bit-exact to a recorded frame (first bytes " + f.get("first") + ")");
            seen.add(index);
        }
        assertTrue(seen.size() >= frames / 2, "distinct recorded frames: " + seen);
        Map<String, String> c = PeerProcess.fields(info);
        var k = RealSenseTestRecording.INTRINSICS.get(RealSenseStream.DEPTH);
        assertEquals(k.fx() + ",0," + k.ppx() + ",0," + k.fy() + "," + k.ppy() + ",0,0,1", c.get("k"),
                "camera_info carries the recording's depth intrinsics");
        LOG.warn("real sender bag depth: {} Hz at the Cyclone subscriber, recorded frames seen {}",
                String.format("%.1f", RosPeers.hz(images)), seen);
        assertEquals(List.of(), ros.fatalMessages());
    }

    /**
     * {@code --align-depth} on the recording (depth with its own intrinsics, 15 mm beside color): the sender
     * announces depth in color's intrinsics, so the receiver publishes {@code aligned_depth_to_color} in the color
     * optical frame (without alignment it would publish {@code depth/image_raw}); the images are reprojected by
     * librealsense's align block, so none equals a recorded depth frame.
     */
    @Test
    void alignedDepthArrivesOnTheAlignedTopic() throws Exception {
        int frames = 10;
        Path bag = dir.resolve("offset.bag");
        RealSenseTestRecording.write(bag, frames);
        Map<String, Integer> recorded = new HashMap<>();
        for (int i = -1; i < frames; i++) {
            recorded.put(fnv1a(RealSenseTestRecording.expectedPixels(RealSenseStream.DEPTH, i)), i);
        }
        start(63, "aligned-cam", "--source", "bag:" + bag, "--enable-depth", "--align-depth");
        ros.receiver("--sender-name", "aligned-cam", "--node-name", "aligned_depth");
        int n = 20;
        List<Map<String, String>> images;
        String info;
        try (PeerProcess sub = ros.subscriber("image", "rt/realsense/aligned_depth_to_color/image_raw", n, 60);
             PeerProcess infoSub = ros.subscriber("camerainfo", "rt/realsense/aligned_depth_to_color/camera_info", 1, 60)) {
            images = RosPeers.images(sub.finish(Duration.ofSeconds(75)));
            info = infoSub.await("CAMERAINFO", Duration.ofSeconds(15));
        }
        assertEquals(n, images.size());
        for (Map<String, String> f : images) {
            assertEquals("16UC1", f.get("enc"));
            assertEquals("realsense_color_optical_frame", f.get("frame_id"));
            assertEquals(Integer.toString(640 * 480 * 2), f.get("len"));
            assertTrue(!recorded.containsKey(f.get("fnv")), "aligned depth is reprojected, not a recorded frame");
        }
        var k = RealSenseTestRecording.INTRINSICS.get(RealSenseStream.COLOR);
        assertEquals(k.fx() + ",0," + k.ppx() + ",0," + k.fy() + "," + k.ppy() + ",0,0,1",
                PeerProcess.fields(info).get("k"), "aligned depth's camera_info carries color's intrinsics");
        assertEquals(List.of(), ros.fatalMessages());
    }

    /** FNV-1a 64 as ros_sub prints it (16 hex digits). */
    static String fnv1a(byte[] data) {
        long h = 0xcbf29ce484222325L;
        for (byte b : data) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }
}
