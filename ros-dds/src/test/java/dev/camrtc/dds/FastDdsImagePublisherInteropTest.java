package dev.camrtc.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.cyclone.CycloneGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java subscriber (Cyclone) against a Fast DDS 2.x C++ publisher (fastdds_pub, types from fastddsgen): the
 * vendor behind ROS 2's default rmw. 640x480 bgr8 images, reliable and best effort, arrive with exactly the
 * pixels and header.stamp written.
 */
@Tag("media")
class FastDdsImagePublisherInteropTest {
    private static final int DOMAIN = 65;

    @Test
    void reliableAndBestEffortFastDdsImagesArriveExactly() throws Exception {
        for (String reliability : List.of("reliable", "best_effort")) {
            try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
                 ImageSubscriber images = graph.imageSubscriber("/fast/color/image_raw", QosOptions.sensorData());
                 SubscriberWaitSet waitSet = graph.waitSet();
                 PeerProcess pub = new PeerProcess(TestPeers.command(TestPeers.fastDdsPublisher(), "rt/fast/color/image_raw",
                         "bgr8", "640", "480", "45", "30", reliability, "--wait-sub"), DdsTestSupport.peerEnv(DOMAIN))) {
                waitSet.attach(images);
                List<long[]> stamps = new ArrayList<>();
                List<String> fnvs = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < end && pub.output().stream().noneMatch(l -> l.startsWith("DONE"))) {
                    waitSet.await(Duration.ofMillis(100));
                    images.takeNewest(s -> {
                        assertEquals(640, s.width());
                        assertEquals("bgr8", s.encoding());
                        stamps.add(new long[] {s.stampNanos()});
                        fnvs.add(DdsTestSupport.fnv(s.data()));
                    });
                }
                pub.await("DONE", Duration.ofSeconds(5));
                Map<Long, String> published = PublishedFrames.fnvByStamp(pub);
                assertTrue(stamps.size() >= 30, reliability + ": taken " + stamps.size() + " of 45 (newest only)");
                for (int i = 0; i < stamps.size(); i++) {
                    assertEquals(published.get(stamps.get(i)[0]), fnvs.get(i), reliability + ": frame stamped "
                            + stamps.get(i)[0]);
                }
            }
        }
    }
}
