package dev.camrtc.ros.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegDecoder;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.dds.CompressedImagePublisher;
import dev.camrtc.dds.DdsTestSupport;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A stream's compressed topic on a real Cyclone node, read by the Cyclone C subscriber. */
@Tag("media")
class CompressedImageOutputTest {
    private static final int DOMAIN = 58;

    private static CameraFrame frame(PixelFormat format, long counter, long ms) {
        ByteBuffer px = ByteBuffer.allocateDirect(320 * 240 * format.bytesPerPixel());
        for (int i = 0; i < px.capacity(); i++) {
            px.put(i, (byte) (80 + i % 97));
        }
        FrameStamp.encode(px, 320, 240, format, counter, ms);
        return new CameraFrame("color", 320, 240, format, px, counter, ms);
    }

    @Test
    void encodesOnlyWhileSubscribedAndSkipsWhatJpegCannotCarry() throws Exception {
        long ms = 1_700_000_000_500L;
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN).withNode("jpeg_out_test", "/"))) {
            CompressedImagePublisher pub = graph.compressedImagePublisher("cam/image_raw/compressed",
                    QosOptions.defaults());
            try (CompressedImageOutput out = new CompressedImageOutput(pub, 80)) {
                check(out, pub, ms);
            }
        }
    }

    private static void check(CompressedImageOutput out, CompressedImagePublisher pub, long ms) throws Exception {
        assertEquals("/cam/image_raw/compressed", out.topic());
        assertFalse(out.publish(frame(PixelFormat.BGR8, 1, ms), Instant.ofEpochMilli(ms), "cam_frame"),
                "no subscriber: nothing encoded or published");
        assertEquals(0, out.publishedCount());

        try (PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(16), "compressed",
                "rt/cam/image_raw/compressed", "reliable", "volatile", "2", "15", "--data"),
                DdsTestSupport.peerEnv(DOMAIN))) {
            sub.await("READY", Duration.ofSeconds(10));
            DdsTestSupport.awaitSubscribers(pub, 1, Duration.ofSeconds(10));
            CameraFrame depth = new CameraFrame("depth", 4, 4, PixelFormat.Z16, ByteBuffer.allocateDirect(32), 1, 0);
            assertFalse(out.publish(depth, Instant.ofEpochMilli(ms), "cam_frame"), "z16 has no JPEG");
            assertTrue(out.publish(frame(PixelFormat.BGR8, 2, ms), Instant.ofEpochMilli(ms), "cam_frame"));
            assertTrue(out.publish(frame(PixelFormat.MONO8, 3, ms + 33), Instant.ofEpochMilli(ms + 33),
                    "cam_frame"));
            List<Map<String, String>> got = sub.finish(Duration.ofSeconds(15)).stream()
                    .filter(l -> l.startsWith("COMPRESSED ")).map(PeerProcess::fields).toList();
            assertEquals(2, got.size());
            PixelFormat[] formats = {PixelFormat.BGR8, PixelFormat.MONO8};
            for (int i = 0; i < 2; i++) {
                Map<String, String> l = got.get(i);
                assertEquals("jpeg", l.get("format"));
                assertEquals("cam_frame", l.get("frame_id"));
                assertEquals(Long.toString((ms + 33L * i) / 1000), l.get("sec"));
                assertEquals(Long.toString((ms + 33L * i) % 1000 * 1_000_000), l.get("nanosec"));
                byte[] jpeg = HexFormat.of().parseHex(l.get("data"));
                CameraFrame back = JpegDecoder.decode("color", jpeg, jpeg.length, formats[i], 0, 0);
                assertEquals(320, back.width());
                assertEquals(240, back.height());
                assertEquals(new FrameStamp.Stamp(2 + i, ms + 33L * i), FrameStamp.decode(back).orElseThrow());
            }
            assertEquals(2, out.publishedCount());
        }
    }
}
