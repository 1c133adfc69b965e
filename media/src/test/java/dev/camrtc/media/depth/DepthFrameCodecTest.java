package dev.camrtc.media.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DepthFrameCodecTest {

    private final DepthFrameCodec codec = new DepthFrameCodec();

    @ParameterizedTest
    @EnumSource(DepthCodec.class)
    void bothCodecsCarryTheTestPatternExactly(DepthCodec kind) {
        int w = 320;
        int h = 240;
        ByteBuffer in = ByteBuffer.allocateDirect(w * h * 2);
        DepthTestPattern.fill(in, w, h, 42);
        byte[] payload = new byte[DepthFrameCodec.maxEncodedSize(kind, w * h)];
        int n = codec.encode(kind, in.asReadOnlyBuffer(), w, h, payload, 0); // as CameraFrame.pixels() gives it
        if (kind == DepthCodec.RAW) {
            assertEquals(w * h * 2, n);
            // raw is the pixels verbatim: pixel (32,0) of frame 42 = 300 + (32 + 210) = 542 = 0x021E
            assertEquals(0x1E, payload[64] & 0xFF);
            assertEquals(0x02, payload[65] & 0xFF);
        }
        ByteBuffer out = ByteBuffer.allocate(w * h * 2);
        codec.decode(new DepthFrameHeader(42, 0, w, h, kind), payload, 0, n, out);
        assertNull(DepthTestPattern.firstMismatch(out, w, h, 42));
    }

    @Test
    void aRawPayloadOfTheWrongSizeIsRejected() {
        DepthFrameHeader h = new DepthFrameHeader(1, 0, 4, 3, DepthCodec.RAW);
        DepthFormatException e = assertThrows(DepthFormatException.class,
                () -> codec.decode(h, new byte[30], 0, 22, ByteBuffer.allocate(24)));
        assertEquals("a raw 4x3 frame is 24 bytes, not 22", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.decode(h, new byte[30], 0, 24, ByteBuffer.allocate(23)));
    }
}
