package dev.camrtc.dds;

import static dev.camrtc.dds.DdsTestSupport.awaitSubscribers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CameraInfo from librealsense intrinsics, as the Cyclone C subscriber decodes it. */
@Tag("media")
class CycloneCameraInfoPublisherTest {
    private static final int DOMAIN = 42;

    @Test
    void intrinsicsArriveAsPlumbBobCameraInfo() throws Exception {
        Intrinsics in = new Intrinsics(615.25, 615.5, 321.125, 239.75, "inverse_brown_conrady",
                List.of(0.125, -0.25, 0.001, -0.002, 0.0625));
        CameraInfo info = CameraInfo.from(in, 640, 480);
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             CameraInfoPublisher pub = graph.cameraInfoPublisher("/realsense/color/camera_info", QosOptions.defaults());
             PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(16), "camerainfo",
                     "rt/realsense/color/camera_info", "reliable", "volatile", "2", "15"), DdsTestSupport.peerEnv(DOMAIN))) {
            sub.await("READY", Duration.ofSeconds(10));
            awaitSubscribers(pub, 1, Duration.ofSeconds(10));
            pub.publish(info, Instant.ofEpochSecond(1_700_000_000L, 123_456_789), "camera_color_optical_frame");
            CameraInfo none = CameraInfo.from(new Intrinsics(400, 401, 200, 150, "none", null), 424, 240);
            pub.publish(none, Instant.ofEpochSecond(1_700_000_001L, 0), "camera_infra1_optical_frame");
            List<Map<String, String>> got = sub.finish(Duration.ofSeconds(15)).stream()
                    .filter(l -> l.startsWith("CAMERAINFO ")).map(PeerProcess::fields).toList();
            assertEquals(2, got.size());
            Map<String, String> a = got.get(0);
            assertEquals("640", a.get("w"));
            assertEquals("480", a.get("h"));
            assertEquals("plumb_bob", a.get("model"));
            assertEquals("0.125,-0.25,0.001,-0.002,0.0625", a.get("d"));
            assertEquals("615.25,0,321.125,0,615.5,239.75,0,0,1", a.get("k"));
            assertEquals("1,0,0,0,1,0,0,0,1", a.get("r"));
            assertEquals("615.25,0,321.125,0,0,615.5,239.75,0,0,0,1,0", a.get("p"));
            assertEquals("0,0", a.get("binning"));
            assertEquals("0,0,0,0,0", a.get("roi"));
            assertEquals("camera_color_optical_frame", a.get("frame_id"));
            assertEquals("1700000000", a.get("sec"));
            assertEquals("123456789", a.get("nanosec"));
            Map<String, String> b = got.get(1);
            assertEquals("424", b.get("w"));
            assertEquals("plumb_bob", b.get("model"));
            assertEquals("0,0,0,0,0", b.get("d"));
            assertEquals("400,0,200,0,401,150,0,0,1", b.get("k"));
            assertEquals("camera_infra1_optical_frame", b.get("frame_id"));
        }
    }
}
