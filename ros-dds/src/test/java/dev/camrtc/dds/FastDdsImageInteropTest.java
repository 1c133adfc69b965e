package dev.camrtc.dds;

import static dev.camrtc.dds.DdsTestSupport.awaitSubscribers;
import static dev.camrtc.dds.DdsTestSupport.fnv;
import static dev.camrtc.dds.DdsTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java (Cyclone) Image publisher read by eProsima Fast DDS 2.x, the default rmw of ROS 2, with
 * a reliable and a best-effort subscriber (the QoS of ROS 2 default and sensor-data profiles).
 */
@Tag("media")
class FastDdsImageInteropTest {
    private static final int DOMAIN = 45;

    @Test
    void fastDdsReliableAndBestEffortSubscribersReceiveEveryPixel() throws Exception {
        Path sub = TestPeers.fastDdsSubscriber();
        int n = 20;
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImagePublisher pub = graph.imagePublisher("/realsense/color/image_raw", QosOptions.defaults());
             PeerProcess reliable = new PeerProcess(TestPeers.command(sub, "rt/realsense/color/image_raw", "reliable",
                     Integer.toString(n), "20"), DdsTestSupport.peerEnv(DOMAIN));
             PeerProcess bestEffort = new PeerProcess(TestPeers.command(sub, "rt/realsense/color/image_raw",
                     "best_effort", Integer.toString(n), "20"), DdsTestSupport.peerEnv(DOMAIN))) {
            reliable.await("READY", Duration.ofSeconds(10));
            bestEffort.await("READY", Duration.ofSeconds(10));
            awaitSubscribers(pub, 2, Duration.ofSeconds(10));
            reliable.await("MATCHED", Duration.ofSeconds(10));
            bestEffort.await("MATCHED", Duration.ofSeconds(10));
            List<String> sums = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CameraFrame f = frame(i % 2 == 0 ? PixelFormat.BGR8 : PixelFormat.MONO8, 640, 480, i, true);
                sums.add(fnv(f.pixels()));
                pub.publish(f, Instant.ofEpochSecond(2000, i), "camera_color_optical_frame");
                Thread.sleep(33);
            }
            for (PeerProcess p : List.of(reliable, bestEffort)) {
                List<Map<String, String>> got = p.finish(Duration.ofSeconds(20)).stream()
                        .filter(l -> l.startsWith("IMAGE ")).map(PeerProcess::fields).toList();
                assertEquals(n, got.size());
                for (int i = 0; i < n; i++) {
                    Map<String, String> g = got.get(i);
                    boolean color = i % 2 == 0;
                    assertEquals(color ? "bgr8" : "mono8", g.get("enc"));
                    assertEquals(color ? "1920" : "640", g.get("step"));
                    assertEquals("640", g.get("w"));
                    assertEquals("480", g.get("h"));
                    assertEquals("camera_color_optical_frame", g.get("frame_id"));
                    assertEquals(Integer.toString(i), g.get("nanosec"));
                    assertEquals(sums.get(i), g.get("fnv"), "frame " + i);
                }
            }
        }
    }
}
