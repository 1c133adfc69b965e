package dev.camrtc.dds;

import static dev.camrtc.dds.DdsTestSupport.awaitSubscribers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.dds.cyclone.CycloneGraph;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire of one published Image, captured by the Cyclone C subscriber
 * ({@code dds_takecdr}, --cdr), against CDR written out by hand from the OMG CDR rules that rmw
 * implementations use: little-endian plain CDR (encapsulation 00 01), fields aligned to their size
 * relative to the data after the 4-byte encapsulation header, strings as uint32 length with the NUL.
 */
@Tag("media")
class ImageCdrLayoutTest {
    private static final int DOMAIN = 46;

    @Test
    void publishedImageIsPlainLittleEndianCdr() throws Exception {
        byte[] pixels = new byte[5 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (0xa0 + i);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(pixels.length).put(pixels).flip();
        CameraFrame frame = new CameraFrame("color", 5, 3, PixelFormat.BGR8, direct, 1, 0);
        try (RosGraph graph = CycloneGraph.open(DdsTestSupport.options(DOMAIN));
             ImagePublisher pub = graph.imagePublisher("/cdr/image", QosOptions.defaults());
             PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(16), "image",
                     "rt/cdr/image", "reliable", "volatile", "1", "15", "--cdr"), DdsTestSupport.peerEnv(DOMAIN))) {
            sub.await("READY", Duration.ofSeconds(10));
            awaitSubscribers(pub, 1, Duration.ofSeconds(10));
            pub.publish(frame, Instant.ofEpochSecond(0x01020304L, 0x05060708), "cam");
            String captured = sub.await("CDR ", Duration.ofSeconds(10)).substring(4);
            assertEquals(HexFormat.of().formatHex(expected(pixels)), captured);
        }
    }

    /** Image_ {Header_ {Time_ {int32 sec, uint32 nanosec}, string frame_id}, uint32 height, width, string encoding, uint8 is_bigendian, uint32 step, sequence<uint8> data}. */
    private static byte[] expected(byte[] pixels) {
        Cdr c = new Cdr();
        c.u32(0x01020304).u32(0x05060708).str("cam");
        c.u32(3).u32(5).str("bgr8").u8(0).u32(15).u32(pixels.length).bytes(pixels);
        return c.finish();
    }

    /** Minimal CDR writer for the expectation; alignment counts from the start of the body. */
    private static final class Cdr {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Cdr align(int n) {
            while (body.size() % n != 0) {
                body.write(0);
            }
            return this;
        }

        Cdr u32(int v) {
            align(4);
            byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
            body.writeBytes(b);
            return this;
        }

        Cdr u8(int v) {
            body.write(v);
            return this;
        }

        Cdr str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length + 1);
            body.writeBytes(b);
            body.write(0);
            return this;
        }

        Cdr bytes(byte[] b) {
            body.writeBytes(b);
            return this;
        }

        /** Encapsulation CDR_LE {0x00, 0x01}, options carrying the count of padding bytes added to reach 4-byte size. */
        byte[] finish() {
            int pad = (4 - body.size() % 4) % 4;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {0x00, 0x01, 0x00, (byte) pad});
            out.writeBytes(body.toByteArray());
            out.writeBytes(new byte[pad]);
            return out.toByteArray();
        }
    }
}
