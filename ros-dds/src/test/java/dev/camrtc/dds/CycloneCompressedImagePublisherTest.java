package dev.camrtc.dds;

import dev.camrtc.dds.cyclone.CycloneGraph;
import static dev.camrtc.dds.DdsTestSupport.awaitSubscribers;
import static dev.camrtc.dds.DdsTestSupport.fnv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CompressedImage bytes (heap and direct, from the buffer's position) through the Cyclone C subscriber. */
@Tag("media")
class CycloneCompressedImagePublisherTest {
    private static final int DOMAIN = 43;

    @Test
    void jpegBytesArriveExactly() throws Exception {
        byte[] jpeg = new byte[50_000];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 13 + 7);
        }
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        ByteBuffer heap = ByteBuffer.wrap(jpeg);
        ByteBuffer direct = ByteBuffer.allocateDirect(jpeg.length + 10).position(10);
        direct.put(jpeg).position(10);
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN).withNode("jpeg_test", "/cam2"));
             CompressedImagePublisher pub = graph.compressedImagePublisher("color/image_raw/compressed", QosOptions.defaults());
             PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(16), "compressed",
                     "rt/cam2/color/image_raw/compressed", "best_effort", "volatile", "2", "15"),
                     DdsTestSupport.peerEnv(DOMAIN))) {
            sub.await("READY", Duration.ofSeconds(10));
            awaitSubscribers(pub, 1, Duration.ofSeconds(10));
            Thread.sleep(200); // best-effort reader: let discovery settle on its side too
            pub.publish(heap, Defaults.JPEG_FORMAT, Instant.ofEpochSecond(10, 1), "cam");
            pub.publish(direct, Defaults.JPEG_FORMAT, Instant.ofEpochSecond(10, 2), "cam");
            assertEquals(0, heap.position(), "caller's buffer untouched");
            assertEquals(10, direct.position());
            List<Map<String, String>> got = sub.finish(Duration.ofSeconds(15)).stream()
                    .filter(l -> l.startsWith("COMPRESSED ")).map(PeerProcess::fields).toList();
            assertEquals(2, got.size());
            for (int i = 0; i < 2; i++) {
                assertEquals("jpeg", got.get(i).get("format"));
                assertEquals("cam", got.get(i).get("frame_id"));
                assertEquals(Integer.toString(jpeg.length), got.get(i).get("len"));
                assertEquals(fnv(ByteBuffer.wrap(jpeg)), got.get(i).get("fnv"));
                assertEquals(Integer.toString(i + 1), got.get(i).get("nanosec"));
            }
            assertThrows(IllegalArgumentException.class, () -> pub.publish(heap, " ", Instant.now(), "cam"));
        }
    }
}
