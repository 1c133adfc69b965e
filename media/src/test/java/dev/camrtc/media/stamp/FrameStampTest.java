package dev.camrtc.media.stamp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp.Stamp;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameStampTest {

    private static final long MS = 1_700_000_000_000L;

    @Test
    void specExampleCrcInputAndValue() {
        byte[] input = FrameStamp.crcInput(1, MS);
        assertArrayEquals(new byte[] {0x00, 0x00, 0x01, 0x01, (byte) 0x8B, (byte) 0xCF, (byte) 0xE5, 0x68, 0x00}, input);
        assertEquals(0xF5, FrameStamp.crc8(input));
    }

    @Test
    void crc8MatchesTheStandardCheckValue() {
        // CRC-8 (poly 0x07, init 0, no reflection, no xorout): check value of "123456789" is 0xF4.
        assertEquals(0xF4, FrameStamp.crc8("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void bitsFollowTheSpecLayout() {
        boolean[] bits = FrameStamp.bits(1, MS);
        assertEquals(80, bits.length);
        assertTrue(bits[0]);
        assertEquals(false, bits[1]);
        assertEquals(false, bits[78]);
        assertTrue(bits[79]);
        // counter 1: only the last of its 24 bits is set
        for (int k = 2; k < 25; k++) {
            assertEquals(false, bits[k], "block " + k);
        }
        assertTrue(bits[25]);
        // CRC 0xF5 = 11110101 in blocks 70..77
        boolean[] crc = {true, true, true, true, false, true, false, true};
        for (int i = 0; i < 8; i++) {
            assertEquals(crc[i], bits[70 + i], "crc bit " + i);
        }
    }

    @Test
    void blocksAre16PixelsAt640x480() {
        ByteBuffer mono = grey(640, 480, 1, 128);
        FrameStamp.encode(mono, 640, 480, PixelFormat.MONO8, 1, MS);
        assertEquals(32, FrameStamp.bandHeight(480));
        // block 0 (white) covers x 0..15, y 0..15; block 1 (black) starts at x 16
        assertEquals(255, mono.get(15 * 640 + 15) & 0xFF);
        assertEquals(0, mono.get(16) & 0xFF);
        // block 40 (second row, column 0) = bit of counter index 38 -> time bit; row 2 starts at y 16
        assertEquals(128, mono.get(32 * 640) & 0xFF, "first row below the band untouched");
    }

    @ParameterizedTest
    @CsvSource({"640,480", "1280,720", "424,240", "848,480", "40,30"})
    void roundTripMono(int width, int height) {
        for (long counter : new long[] {0, 1, 123_456, (1 << 24) - 1}) {
            ByteBuffer buf = grey(width, height, 1, 90);
            FrameStamp.encode(buf, width, height, PixelFormat.MONO8, counter, MS + counter);
            assertEquals(Optional.of(new Stamp(counter, MS + counter)),
                    FrameStamp.decode(buf, width, height, PixelFormat.MONO8));
        }
    }

    @ParameterizedTest
    @CsvSource({"640,480", "1280,720", "424,240"})
    void roundTripBgrAndFrame(int width, int height) {
        ByteBuffer buf = grey(width, height, 3, 200);
        FrameStamp.encode(buf, width, height, PixelFormat.BGR8, 42, MS);
        CameraFrame frame = new CameraFrame("color", width, height, PixelFormat.BGR8, buf, 0, 0);
        assertEquals(Optional.of(new Stamp(42, MS)), FrameStamp.decode(frame));
    }

    @Test
    void roundTripLumaPlaneWithStride() {
        int width = 424;
        int height = 240;
        int stride = 448;
        ByteBuffer y = ByteBuffer.allocateDirect(stride * height);
        FrameStamp.encodeLuma(y, stride, width, height, 7, MS);
        assertEquals(Optional.of(new Stamp(7, MS)), FrameStamp.decodeLuma(y, stride, width, height));
        // read with the wrong stride, the band is garbage: no stamp rather than a wrong one
        assertEquals(Optional.empty(), FrameStamp.decodeLuma(y, width, width, height));
    }

    @Test
    void counterWrapsModulo2To24() {
        ByteBuffer buf = grey(640, 480, 1, 0);
        FrameStamp.encode(buf, 640, 480, PixelFormat.MONO8, (1L << 24) + 5, MS);
        assertEquals(5, FrameStamp.decode(buf, 640, 480, PixelFormat.MONO8).orElseThrow().counter());
    }

    @Test
    void rejectsTimeOutside44BitsAndTooSmallImages() {
        ByteBuffer buf = grey(640, 480, 1, 0);
        assertThrows(IllegalArgumentException.class,
                () -> FrameStamp.encode(buf, 640, 480, PixelFormat.MONO8, 1, 1L << 44));
        assertThrows(IllegalArgumentException.class,
                () -> FrameStamp.encode(buf, 640, 480, PixelFormat.MONO8, 1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> FrameStamp.encode(grey(39, 480, 1, 0), 39, 480, PixelFormat.MONO8, 1, MS));
        assertThrows(IllegalArgumentException.class,
                () -> FrameStamp.encode(grey(640, 480, 2, 0), 640, 480, PixelFormat.Z16, 1, MS));
        assertEquals(Optional.empty(), FrameStamp.decode(grey(20, 20, 1, 0), 20, 20, PixelFormat.MONO8));
    }

    @Test
    void unstampedFramesHaveNoStamp() {
        assertEquals(Optional.empty(), FrameStamp.decode(grey(640, 480, 1, 128), 640, 480, PixelFormat.MONO8));
        Random random = new Random(1);
        ByteBuffer noise = ByteBuffer.allocateDirect(640 * 480 * 3);
        for (int i = 0; i < noise.capacity(); i++) {
            noise.put(i, (byte) random.nextInt(256));
        }
        assertEquals(Optional.empty(), FrameStamp.decode(noise, 640, 480, PixelFormat.BGR8));
    }

    @Test
    void rejectsLowContrast() {
        ByteBuffer buf = stamped(1, MS);
        // squeeze 0..255 into 100..155: contrast 55 < 60
        map(buf, v -> 100 + v * 55 / 255);
        assertEquals(Optional.empty(), decode(buf));
        ByteBuffer ok = stamped(1, MS);
        map(ok, v -> 100 + v * 70 / 255);
        assertEquals(Optional.of(new Stamp(1, MS)), decode(ok), "contrast 70 is enough");
    }

    @Test
    void rejectsAmbiguousBlock() {
        ByteBuffer buf = stamped(1, MS);
        fillBlock(buf, 30, 150); // threshold 127.5, contrast 255: 150 is within 51 of it
        assertEquals(Optional.empty(), decode(buf));
        ByteBuffer clear = stamped(1, MS);
        boolean bit = FrameStamp.bits(1, MS)[30];
        fillBlock(clear, 30, bit ? 190 : 65); // outside the ambiguous zone, same bit
        assertEquals(Optional.of(new Stamp(1, MS)), decode(clear));
    }

    @Test
    void rejectsWrongReferenceBits() {
        ByteBuffer buf = stamped(1, MS);
        fillBlock(buf, 0, 0);   // reference block 0 must be white
        assertEquals(Optional.empty(), decode(buf));
        ByteBuffer swapped = stamped(1, MS);
        fillBlock(swapped, 78, 255);
        fillBlock(swapped, 79, 0);
        assertEquals(Optional.empty(), decode(swapped));
    }

    @Test
    void rejectsBadCrc() {
        for (int k = 2; k < 78; k++) {
            ByteBuffer buf = stamped(0x123456, MS);
            fillBlock(buf, k, FrameStamp.bits(0x123456, MS)[k] ? 0 : 255); // flip one bit
            assertEquals(Optional.empty(), decode(buf), "flipped block " + k);
        }
    }

    @Test
    void toleratesNoise() {
        Random random = new Random(7);
        for (int n = 0; n < 20; n++) {
            ByteBuffer buf = stamped(n, MS + n * 33L);
            map(buf, v -> Math.max(0, Math.min(255, (int) Math.round(v + random.nextGaussian() * 25))));
            assertEquals(Optional.of(new Stamp(n, MS + n * 33L)), decode(buf));
        }
    }

    @Test
    void toleratesDimmedAndBlurredEdges() {
        ByteBuffer buf = stamped(99, MS);
        map(buf, v -> 30 + v * 180 / 255); // video range-like levels
        // smear one pixel column at every block edge, as a codec would
        for (int y = 0; y < 32; y++) {
            for (int c = 1; c < 40; c++) {
                buf.put(y * 640 + c * 16, (byte) 120);
            }
        }
        assertEquals(Optional.of(new Stamp(99, MS)), decode(buf));
    }

    private static ByteBuffer stamped(long counter, long ms) {
        ByteBuffer buf = grey(640, 480, 1, 128);
        FrameStamp.encode(buf, 640, 480, PixelFormat.MONO8, counter, ms);
        return buf;
    }

    private static Optional<Stamp> decode(ByteBuffer mono640x480) {
        return FrameStamp.decode(mono640x480, 640, 480, PixelFormat.MONO8);
    }

    private static void fillBlock(ByteBuffer mono640x480, int k, int value) {
        int x0 = (k % 40) * 16;
        int y0 = (k / 40) * 16;
        for (int y = y0; y < y0 + 16; y++) {
            for (int x = x0; x < x0 + 16; x++) {
                mono640x480.put(y * 640 + x, (byte) value);
            }
        }
    }

    private static void map(ByteBuffer buf, java.util.function.IntUnaryOperator f) {
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, (byte) f.applyAsInt(buf.get(i) & 0xFF));
        }
    }

    private static ByteBuffer grey(int width, int height, int bpp, int value) {
        ByteBuffer buf = ByteBuffer.allocateDirect(width * height * bpp);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, (byte) value);
        }
        return buf;
    }
}
