package dev.camrtc.dds;

import static dev.camrtc.dds.DdsTestSupport.awaitSubscribers;
import static dev.camrtc.dds.DdsTestSupport.fnv;
import static dev.camrtc.dds.DdsTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Java Image publisher against the Cyclone C subscriber built from the IDL (a real second participant). */
@Tag("media")
class CycloneImagePublisherTest {
    private static final int DOMAIN = 41;
    private static final Duration MATCH = Duration.ofSeconds(10);
    private static Path sub;
    private static RosGraph graph;

    @BeforeAll
    static void open() throws Exception {
        sub = TestPeers.cycloneSubscriber(16);
        graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN).withNode("image_test", "/cam2"));
    }

    @AfterAll
    static void close() {
        if (graph != null) {
            graph.close();
        }
    }

    private PeerProcess subscriber(String ddsTopic, String reliability, int count, double timeoutSeconds) throws Exception {
        PeerProcess p = new PeerProcess(TestPeers.command(sub, "image", ddsTopic, reliability, "volatile",
                Integer.toString(count), Double.toString(timeoutSeconds)), DdsTestSupport.peerEnv(DOMAIN));
        p.await("READY", MATCH);
        return p;
    }

    @Test
    void bgr8AndMono8At30HzArriveIntactInOrderAndOnTime() throws Exception {
        int n = 45;
        try (ImagePublisher color = graph.imagePublisher("/realsense/color/image_raw", QosOptions.defaults());
             ImagePublisher ir = graph.imagePublisher("infra1/image_rect_raw", QosOptions.defaults());
             PeerProcess colorSub = subscriber("rt/realsense/color/image_raw", "reliable", n, 20);
             PeerProcess irSub = subscriber("rt/cam2/infra1/image_rect_raw", "reliable", n, 20)) {
            assertEquals("/cam2/infra1/image_rect_raw", ir.topic());
            awaitSubscribers(color, 1, MATCH);
            awaitSubscribers(ir, 1, MATCH);
            List<String> colorSums = new ArrayList<>();
            List<String> irSums = new ArrayList<>();
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                CameraFrame c = frame(PixelFormat.BGR8, 640, 480, i, true);
                CameraFrame m = frame(PixelFormat.MONO8, 640, 480, 1000 + i, true);
                colorSums.add(fnv(c.pixels()));
                irSums.add(fnv(m.pixels()));
                Instant stamp = start.plusMillis(33L * i);
                assertTrue(color.publish(c, stamp, "camera_color_optical_frame"));
                assertTrue(ir.publish(m, stamp, "camera_infra1_optical_frame"));
                long next = t0 + (i + 1) * 33_333_333L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            check(colorSub.finish(Duration.ofSeconds(20)), n, "bgr8", 1920, "camera_color_optical_frame", colorSums, start);
            check(irSub.finish(Duration.ofSeconds(20)), n, "mono8", 640, "camera_infra1_optical_frame", irSums, start);
            assertEquals(n, color.publishedCount());
            assertEquals(0, color.droppedCount());
        }
    }

    private static void check(List<String> lines, int n, String encoding, int step, String frameId,
                              List<String> sums, Instant start) {
        List<Map<String, String>> images = lines.stream().filter(l -> l.startsWith("IMAGE "))
                .map(PeerProcess::fields).toList();
        assertEquals(n, images.size(), "received " + encoding + " frames");
        long prevStamp = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Map<String, String> f = images.get(i);
            assertEquals("640", f.get("w"));
            assertEquals("480", f.get("h"));
            assertEquals(encoding, f.get("enc"));
            assertEquals(Integer.toString(step), f.get("step"));
            assertEquals("0", f.get("be"));
            assertEquals(frameId, f.get("frame_id"));
            assertEquals(Integer.toString(step * 480), f.get("len"));
            assertEquals(sums.get(i), f.get("fnv"), encoding + " frame " + i + " pixels");
            Instant expected = start.plusMillis(33L * i);
            assertEquals(expected.getEpochSecond(), Long.parseLong(f.get("sec")));
            assertEquals(expected.getNano(), Long.parseLong(f.get("nanosec")));
            long stamp = Long.parseLong(f.get("sec")) * 1_000_000_000L + Long.parseLong(f.get("nanosec"));
            assertTrue(stamp > prevStamp, "stamps increase");
            prevStamp = stamp;
        }
        double seconds = (Long.parseLong(images.get(n - 1).get("recv_ns")) - Long.parseLong(images.get(0).get("recv_ns"))) / 1e9;
        double rate = (n - 1) / seconds;
        assertTrue(rate >= 25, encoding + " arrived at " + rate + " Hz");
    }

    @Test
    void reliablePublisherMatchesReliableAndBestEffortSubscribersAndHeapFramesArriveToo() throws Exception {
        try (ImagePublisher pub = graph.imagePublisher("/qos/reliable", QosOptions.defaults());
             PeerProcess reliable = subscriber("rt/qos/reliable", "reliable", 3, 15);
             PeerProcess bestEffort = subscriber("rt/qos/reliable", "best_effort", 3, 15)) {
            awaitSubscribers(pub, 2, MATCH);
            List<String> sums = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                CameraFrame f = frame(PixelFormat.Z16, 64, 48, i, false);
                sums.add(fnv(f.pixels()));
                pub.publish(f, Instant.ofEpochSecond(100 + i, 5), "depth");
                Thread.sleep(30);
            }
            for (PeerProcess p : List.of(reliable, bestEffort)) {
                List<Map<String, String>> got = p.finish(Duration.ofSeconds(15)).stream()
                        .filter(l -> l.startsWith("IMAGE ")).map(PeerProcess::fields).toList();
                // Reliable must get every sample; best effort may lose one (its contract), but what it
                // gets must be intact and in order.
                if (p == reliable) {
                    assertEquals(3, got.size(), "reliable subscriber samples");
                } else {
                    assertTrue(!got.isEmpty() && got.size() <= 3, "best-effort subscriber got " + got.size());
                }
                int previous = -1;
                for (Map<String, String> g : got) {
                    int i = Integer.parseInt(g.get("sec")) - 100;
                    assertTrue(i > previous && i < 3, "sample order: " + g.get("sec"));
                    previous = i;
                    assertEquals("16UC1", g.get("enc"));
                    assertEquals("128", g.get("step"));
                    assertEquals(sums.get(i), g.get("fnv"));
                    assertEquals("5", g.get("nanosec"));
                }
            }
        }
    }

    @Test
    void bestEffortPublisherMatchesOnlyBestEffortSubscribers() throws Exception {
        QosOptions bestEffort = QosOptions.defaults().withReliability(Reliability.BEST_EFFORT);
        try (ImagePublisher pub = graph.imagePublisher("/qos/best_effort", bestEffort);
             PeerProcess reliable = subscriber("rt/qos/best_effort", "reliable", 1, 4);
             PeerProcess be = subscriber("rt/qos/best_effort", "best_effort", 1, 15)) {
            awaitSubscribers(pub, 1, MATCH);
            Thread.sleep(500); // time for the reliable reader to be discovered too (it must not match)
            assertEquals(1, pub.subscriptionCount());
            // best effort may lose the first sample while the reader's side completes discovery: resend
            for (int i = 0; i < 20 && be.output().stream().noneMatch(l -> l.startsWith("IMAGE ")); i++) {
                pub.publish(frame(PixelFormat.MONO8, 32, 8, i, true), Instant.now(), "ir");
                Thread.sleep(50);
            }
            assertTrue(be.finish(Duration.ofSeconds(10)).stream().anyMatch(l -> l.startsWith("IMAGE w=32 h=8 enc=mono8")));
            List<String> rel = reliable.finish(Duration.ofSeconds(10));
            assertFalse(rel.stream().anyMatch(l -> l.startsWith("MATCHED") || l.startsWith("IMAGE")), rel.toString());
        }
    }

    @Test
    void closedPublisherRefusesAndBadNamesAreRejected() {
        ImagePublisher pub = graph.imagePublisher("closed/topic", QosOptions.defaults());
        pub.close();
        assertThrows(IllegalStateException.class,
                () -> pub.publish(frame(PixelFormat.MONO8, 4, 4, 0, true), Instant.now(), "f"));
        assertThrows(IllegalArgumentException.class, () -> graph.imagePublisher("bad//name", QosOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> graph.imagePublisher("/9starts_with_digit", QosOptions.defaults()));
    }
}
