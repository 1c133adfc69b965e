package dev.camrtc.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.cyclone.CycloneGraph;
import dev.camrtc.media.depth.DepthTestPattern;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java subscriber against a real Cyclone C publisher (ros_pub, built from the IDL): every image taken
 * carries exactly the bytes and header.stamp the publisher wrote, camera_info arrives as written, hostile
 * samples are refused without disturbing the good ones, and a publisher that starts late or comes back is
 * picked up. Sensor-data QoS (best effort, keep last 1) against a reliable and a best-effort publisher.
 */
@Tag("media")
class CycloneImageSubscriberTest {
    private static final int DOMAIN = 60;

    /** What one take saw: stamp, size and the FNV-1a of the pixel rows (as ros_pub prints it). */
    private record Taken(long stampNanos, int width, int height, String encoding, int step, String fnv) {
    }

    @Test
    void bgr8FromReliablePublisherArrivesExactlyWithStampsAndCameraInfo() throws Exception {
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImageSubscriber images = graph.imageSubscriber("/camera/color/image_raw", QosOptions.sensorData());
             CameraInfoSubscriber infos = graph.cameraInfoSubscriber("/camera/color/camera_info", QosOptions.sensorData());
             SubscriberWaitSet waitSet = graph.waitSet();
             PeerProcess pub = publisher("rt/camera/color/image_raw", "bgr8", 640, 480, 60, 30, "reliable",
                     "--info", "rt/camera/color/camera_info", "--wait-sub")) {
            assertEquals(0, images.receivedCount());
            waitSet.attach(images);
            pub.await("READY", Duration.ofSeconds(30));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (graph.publishedTypes("/camera/color/camera_info").isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(List.of("sensor_msgs/msg/CameraInfo"), graph.publishedTypes("/camera/color/camera_info"),
                    "discovery tells what a topic carries");
            assertEquals(List.of("sensor_msgs/msg/Image"), graph.publishedTypes("/camera/color/image_raw"));
            assertEquals(List.of(), graph.publishedTypes("/camera/nothing"));
            List<Taken> taken = takeUntilDone(images, waitSet, pub);
            Map<Long, String> published = PublishedFrames.fnvByStamp(pub);
            assertEquals(60, published.size());
            // Newest only: a frame that arrives while the taker is descheduled (a loaded machine) replaces the older.
            assertTrue(taken.size() >= 40, "taken " + taken.size() + " of 60 frames at 30 Hz");
            for (Taken t : taken) {
                assertEquals(640, t.width());
                assertEquals(480, t.height());
                assertEquals("bgr8", t.encoding());
                assertEquals(1920, t.step());
                assertEquals(published.get(t.stampNanos()), t.fnv(), "pixels of the frame stamped " + t.stampNanos());
            }
            CameraInfo info = infos.takeNewest();
            assertEquals(new CameraInfo(640, 480, CameraInfo.PLUMB_BOB, new double[] {0.1, -0.2, 0.001, 0.002, 0.05},
                    new double[] {615.5, 0, 321.25, 0, 616.75, 239.5, 0, 0, 1}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                    new double[] {615.5, 0, 321.25, 0, 0, 616.75, 239.5, 0, 0, 0, 1, 0}), info);
            assertEquals(0, images.rejectedCount());
        }
    }

    @Test
    void depthFromBestEffortPublisherKeepsEveryPixelAndHostileSamplesAreRefused() throws Exception {
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImageSubscriber depth = graph.imageSubscriber("/camera/depth/image_rect_raw", QosOptions.sensorData());
             SubscriberWaitSet waitSet = graph.waitSet();
             PeerProcess pub = publisher("rt/camera/depth/image_rect_raw", "16UC1", 320, 240, 45, 30, "best_effort",
                     "--wait-sub", "--bad-every", "3")) {
            waitSet.attach(depth);
            List<Taken> taken = new ArrayList<>();
            List<ByteBuffer> pixels = new ArrayList<>(); // copied out, checked once every PUB line is there
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end && !pub.output().contains("DONE 30")) {
                waitSet.await(Duration.ofMillis(100));
                depth.takeNewest(s -> {
                    taken.add(new Taken(s.stampNanos(), s.width(), s.height(), s.encoding(), s.step(), null));
                    pixels.add(ByteBuffer.allocate(s.data().remaining()).put(s.data().duplicate()).flip());
                });
            }
            Map<Long, Long> counters = PublishedFrames.counterByStamp(pub);
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < taken.size(); i++) {
                Taken t = taken.get(i);
                Long n = counters.get(t.stampNanos());
                String bad = n == null ? "no PUB line for stamp " + t.stampNanos()
                        : DepthTestPattern.firstMismatch(pixels.get(i).order(ByteOrder.LITTLE_ENDIAN), t.width(),
                                t.height(), n);
                if (bad != null) {
                    mismatches.add(bad);
                }
            }
            assertTrue(taken.size() >= 20, "taken " + taken.size() + " of 30 good frames");
            assertEquals(List.of(), mismatches);
            assertTrue(depth.rejectedCount() >= 5, "hostile samples refused: " + depth.rejectedCount());
            assertEquals(taken.size(), depth.receivedCount());
        }
    }

    @Test
    void aPublisherThatStartsLateOrComesBackIsPickedUp() throws Exception {
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImageSubscriber images = graph.imageSubscriber("/late/image_raw", QosOptions.sensorData());
             SubscriberWaitSet waitSet = graph.waitSet()) {
            waitSet.attach(images);
            assertFalse(waitSet.await(Duration.ofMillis(300)));
            assertEquals(0, images.publisherCount());
            assertFalse(images.takeNewest(s -> { }));
            for (int round = 0; round < 2; round++) {
                try (PeerProcess pub = publisher("rt/late/image_raw", "mono8", 64, 48, 20, 30, "reliable", "--wait-sub")) {
                    List<Taken> taken = takeUntilDone(images, waitSet, pub);
                    Map<Long, String> published = PublishedFrames.fnvByStamp(pub);
                    assertTrue(taken.size() >= 10, "round " + round + ": taken " + taken.size() + " of 20");
                    for (Taken t : taken) {
                        assertEquals(published.get(t.stampNanos()), t.fnv());
                    }
                }
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (images.publisherCount() > 0 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertEquals(0, images.publisherCount(), "the publisher left");
            }
        }
    }

    private static PeerProcess publisher(String topic, String encoding, int w, int h, int count, int rate,
                                         String reliability, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(topic, encoding, Integer.toString(w), Integer.toString(h),
                Integer.toString(count), Integer.toString(rate), reliability));
        args.addAll(List.of(extra));
        return new PeerProcess(TestPeers.command(TestPeers.cyclonePublisher(), args.toArray(String[]::new)),
                DdsTestSupport.peerEnv(DOMAIN));
    }

    private static List<Taken> takeUntilDone(ImageSubscriber images, SubscriberWaitSet waitSet, PeerProcess pub)
            throws InterruptedException {
        List<Taken> taken = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            boolean done = pub.output().stream().anyMatch(l -> l.startsWith("DONE"));
            waitSet.await(Duration.ofMillis(100));
            images.takeNewest(s -> taken.add(new Taken(s.stampNanos(), s.width(), s.height(), s.encoding(), s.step(),
                    DdsTestSupport.fnv(rows(s)))));
            if (done) {
                break;
            }
        }
        pub.await("DONE", Duration.ofSeconds(1));
        return taken;
    }

    /** The pixel rows without padding (ros_pub writes none, so all of data). */
    private static ByteBuffer rows(ImageSample s) {
        return s.data().duplicate().position(0).limit(s.step() * s.height());
    }



}
