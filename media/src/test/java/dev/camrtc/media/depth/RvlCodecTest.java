package dev.camrtc.media.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RVL against byte sequences derived by hand from PROTOCOL.md 8 (not by running the encoder), encoder
 * against decoder, and the decoder against truncated, overlong and random input.
 *
 * <p>How a vector is derived: each number becomes nibbles, low 3 bits first, 0x8 set on every nibble but
 * the last (0 -> 0; 5 -> 5; 8 = 0b1_000 -> 8,1; 10 = 0b1_010 -> A,1). A value's number is the zig-zag
 * code of its difference d from the previous non-zero value: 2d for d >= 0, -2d - 1 for d < 0. Nibbles
 * fill a 32-bit word from its top; the word is written little-endian; the last one is padded with 0.
 */
class RvlCodecTest {

    private final RvlCodec codec = new RvlCodec();

    static ByteBuffer depth(int... pixels) {
        ByteBuffer b = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : pixels) {
            b.putShort((short) p);
        }
        return b.flip();
    }

    static int[] pixels(ByteBuffer b, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Short.toUnsignedInt(b.order(ByteOrder.LITTLE_ENDIAN).getShort(b.position() + 2 * i));
        }
        return out;
    }

    private byte[] encode(int... pixels) {
        byte[] out = new byte[RvlCodec.maxEncodedSize(pixels.length)];
        int n = codec.encode(depth(pixels), pixels.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    private int[] decode(byte[] rvl, int pixels) {
        ByteBuffer out = ByteBuffer.allocate(pixels * 2);
        codec.decode(rvl, 0, rvl.length, out, pixels);
        return pixels(out, pixels);
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private void assertVector(int[] image, byte[] expected) {
        assertArrayEquals(expected, encode(image), "encoded " + Arrays.toString(image));
        assertArrayEquals(image, decode(expected, image.length), "decoded");
    }

    @Test
    void singleZeroPixel() {
        // zeros 1 -> [1]; non-zeros 0 -> [0]; nibbles 1,0 + 6 padding -> word 0x10000000 -> 00 00 00 10
        assertVector(new int[] {0}, bytes(0x00, 0x00, 0x00, 0x10));
    }

    @Test
    void singleNonZeroPixel() {
        // zeros 0 -> [0]; non-zeros 1 -> [1]; 5 - 0 = 5 -> zig-zag 10 = 0b1_010 -> [A, 1]
        // nibbles 0,1,A,1 + 4 padding -> word 0x01A10000 -> 00 00 A1 01
        assertVector(new int[] {5}, bytes(0x00, 0x00, 0xA1, 0x01));
    }

    @Test
    void maximumValueFillsExactlyOneWord() {
        // 65535 - 0 -> zig-zag 131070 = 0b11_111_111_111_111_110 -> [E, F, F, F, F, 3] (6 | 8 = E, 7 | 8 = F)
        // nibbles 0,1,E,F,F,F,F,3 = 8: word 0x01EFFFF3, no padding word -> F3 FF EF 01
        assertVector(new int[] {65535}, bytes(0xF3, 0xFF, 0xEF, 0x01));
    }

    @Test
    void zerosAtStartAndEnd() {
        // [0,0,3,4,0]: zeros 2 -> [2]; non-zeros 2 -> [2]; 3-0=3 -> 6 -> [6]; 4-3=1 -> 2 -> [2];
        // zeros 1 -> [1]; non-zeros 0 -> [0]; nibbles 2,2,6,2,1,0 + 2 padding -> 0x22621000 -> 00 10 62 22
        assertVector(new int[] {0, 0, 3, 4, 0}, bytes(0x00, 0x10, 0x62, 0x22));
    }

    @Test
    void negativeDifference() {
        // [10,2]: [0]; [2]; 10 -> 20 = 0b10_100 -> [C, 2]; 2-10 = -8 -> 15 = 0b1_111 -> [F, 1]
        // nibbles 0,2,C,2,F,1 + 2 padding -> 0x02C2F100 -> 00 F1 C2 02
        assertVector(new int[] {10, 2}, bytes(0x00, 0xF1, 0xC2, 0x02));
    }

    @Test
    void runsLongerThanSevenTakeTwoNibblesAndTheTopBitOfAWordIsData() {
        // [0 x8, 1]: zeros 8 = 0b1_000 -> [8, 1]; non-zeros 1 -> [1]; 1 -> 2 -> [2]
        // nibbles 8,1,1,2 + 4 padding -> 0x81120000 -> 00 00 12 81
        assertVector(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1}, bytes(0x00, 0x00, 0x12, 0x81));
    }

    @Test
    void aPaddingOnlyLastWordIsStillWritten() {
        // [100 x7]: [0]; non-zeros 7 -> [7]; 100 -> 200 = 0b11_001_000 -> [8, 9, 3]; six differences 0 -> [0] x6
        // nibbles 0,7,8,9,3,0,0,0 | 0,0,0 + 5 padding -> 0x07893000, 0x00000000
        assertVector(new int[] {100, 100, 100, 100, 100, 100, 100},
                bytes(0x00, 0x30, 0x89, 0x07, 0x00, 0x00, 0x00, 0x00));
    }

    @Test
    void allZeros() {
        // 4 pixels: zeros 4 -> [4]; non-zeros 0 -> [0] -> 0x40000000
        assertVector(new int[4], bytes(0x00, 0x00, 0x00, 0x40));
        // 640x480: zeros 307200 = 1*8^6 + 1*8^5 + 3*8^4 -> [8, 8, 8, 8, B, 9, 1]; non-zeros 0 -> [0]
        // nibbles 8,8,8,8,B,9,1,0 -> 0x8888B910 -> 10 B9 88 88: 4 bytes for the whole frame
        assertVector(new int[640 * 480], bytes(0x10, 0xB9, 0x88, 0x88));
    }

    @Test
    void worstCaseAlternatingExtremes() {
        // [65535, 1, 65535, 1]: [0]; [4];
        //   65535 - 0     =  65535 -> 131070 -> [E,F,F,F,F,3]
        //   1 - 65535     = -65534 -> 131067 = 0b11_111_111_111_111_011 -> [B,F,F,F,F,3]
        //   65535 - 1     =  65534 -> 131068 = ..._100 -> [C,F,F,F,F,3]
        //   1 - 65535              -> [B,F,F,F,F,3]
        // 26 nibbles: 04EFFFF3 | BFFFF3CF | FFF3BFFF | F3 + 6 padding -> F3000000
        assertVector(new int[] {65535, 1, 65535, 1}, bytes(
                0xF3, 0xFF, 0xEF, 0x04,
                0xCF, 0xF3, 0xFF, 0xBF,
                0xFF, 0xBF, 0xF3, 0xFF,
                0x00, 0x00, 0x00, 0xF3));
    }

    @Test
    void emptyImageIsEmpty() {
        assertVector(new int[0], new byte[0]);
    }

    @Test
    void worstCaseStaysWithinTheBoundAtAboutOneAndAHalfTimesRaw() {
        int n = 640 * 480;
        int[] alternating = new int[n];
        for (int i = 0; i < n; i++) {
            alternating[i] = i % 2 == 0 ? 65535 : 1;
        }
        // zeros 0 -> 1 nibble; non-zeros 307200 -> 7 nibbles; every value 6 nibbles (zig-zag codes >= 8^5):
        // 6n + 8 nibbles = (6n + 8) / 8 whole words = 3n + 4 bytes
        byte[] rvl = encode(alternating);
        assertEquals(3 * n + 4, rvl.length);
        assertTrue(rvl.length <= RvlCodec.maxEncodedSize(n));
        assertArrayEquals(alternating, decode(rvl, n));
    }

    @Test
    void adversarialImagesStayWithinTheBound() {
        Random random = new Random(11);
        int n = 100_000;
        for (int round = 0; round < 40; round++) {
            int[] image = new int[n];
            int period = 1 + random.nextInt(40_000);
            for (int i = 0; i < n; i++) {
                // mostly long non-zero runs of extreme differences, separated by single zeros
                image[i] = i % period == period - 1 ? 0 : (i % 2 == 0 ? 65535 : 1 + random.nextInt(3));
            }
            if (round % 2 == 1) {
                image[0] = 0;
            }
            byte[] rvl = encode(image);
            assertTrue(rvl.length <= RvlCodec.maxEncodedSize(n), rvl.length + " > " + RvlCodec.maxEncodedSize(n));
            assertArrayEquals(image, decode(rvl, n));
        }
    }

    @Test
    void randomImagesRoundTrip() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(2000);
            int[] image = new int[n];
            int zeroOdds = random.nextInt(10);
            for (int i = 0; i < n; i++) {
                image[i] = random.nextInt(10) < zeroOdds ? 0 : random.nextInt(round % 2 == 0 ? 65536 : 20);
            }
            assertArrayEquals(image, decode(encode(image), n), "round " + round);
        }
    }

    @Test
    void testPatternRoundTripsAndCompresses() {
        int w = 640;
        int h = 480;
        ByteBuffer frame = ByteBuffer.allocate(w * h * 2);
        byte[] rvl = new byte[RvlCodec.maxEncodedSize(w * h)];
        ByteBuffer back = ByteBuffer.allocate(w * h * 2);
        for (long n : new long[] {0, 1, 6, 123_456}) {
            DepthTestPattern.fill(frame, w, h, n);
            int size = codec.encode(frame, w * h, rvl, 0);
            assertTrue(size < w * h * 2 / 3, "test pattern frame " + n + ": " + size + " bytes");
            codec.decode(rvl, 0, size, back, w * h);
            assertEquals(null, DepthTestPattern.firstMismatch(back, w, h, n));
            assertEquals(frame, back);
        }
    }

    @Test
    void buffersAreUsedFromTheirPositionAndOffsetsAndNothingOutsideIsTouched() {
        int[] image = {0, 7, 7, 0, 65535, 2};
        ByteBuffer src = ByteBuffer.allocate(100);
        src.position(10);
        ByteBuffer view = src.slice().order(ByteOrder.BIG_ENDIAN); // byte order of the buffer is ignored
        view.put(depth(image)).flip();
        view.position(0);
        byte[] expected = encode(image);
        byte[] out = new byte[RvlCodec.maxEncodedSize(image.length) + 20];
        Arrays.fill(out, (byte) 0x5A);
        int size = codec.encode(view, image.length, out, 7);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 7, 7 + size));
        for (int i = 0; i < 7; i++) {
            assertEquals(0x5A, out[i]);
        }
        for (int i = 7 + size; i < out.length; i++) {
            assertEquals(0x5A, out[i], "byte " + i + " after the output");
        }
        ByteBuffer dst = ByteBuffer.allocate(40);
        Arrays.fill(dst.array(), (byte) 0x33);
        dst.position(6);
        codec.decode(out, 7, size, dst, image.length);
        assertEquals(6, dst.position());
        assertArrayEquals(image, pixels(dst, image.length));
        for (int i = 6 + image.length * 2; i < 40; i++) {
            assertEquals(0x33, dst.array()[i], "byte " + i + " after the image");
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(image.length * 2);
        codec.decode(out, 7, size, direct, image.length);
        assertArrayEquals(image, pixels(direct, image.length));
    }

    @Test
    void encoderRefusesTooSmallBuffers() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(depth(1, 2, 3), 4, new byte[64], 0));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(depth(1, 2, 3), 3, new byte[RvlCodec.maxEncodedSize(3) - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(depth(1, 2, 3), 3, new byte[64], 60));
    }

    @Test
    void truncatedInputIsRejectedClearly() {
        byte[] full = encode(3, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 65535, 1, 0, 4);
        for (int cut = 4; cut < full.length; cut += 4) {
            int len = cut;
            DepthFormatException e = assertThrows(DepthFormatException.class,
                    () -> codec.decode(full, 0, len, ByteBuffer.allocate(32), 16));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        DepthFormatException empty = assertThrows(DepthFormatException.class,
                () -> codec.decode(new byte[0], 0, 0, ByteBuffer.allocate(2), 1));
        assertTrue(empty.getMessage().contains("truncated"), empty.getMessage());
        DepthFormatException partWord = assertThrows(DepthFormatException.class,
                () -> codec.decode(full, 0, full.length - 1, ByteBuffer.allocate(32), 16));
        assertTrue(partWord.getMessage().contains("whole number of 32-bit words"), partWord.getMessage());
    }

    @Test
    void overlongInputIsRejectedClearly() {
        byte[] one = bytes(0x00, 0x00, 0xA1, 0x01); // [5]
        byte[] extraWord = Arrays.copyOf(one, 8);
        DepthFormatException e = assertThrows(DepthFormatException.class,
                () -> codec.decode(extraWord, 0, 8, ByteBuffer.allocate(2), 1));
        assertEquals("4 bytes after the last of 1 pixels (overlong)", e.getMessage());
        // the same bytes claim fewer pixels than they hold
        byte[] three = encode(5, 6, 7);
        assertThrows(DepthFormatException.class, () -> codec.decode(three, 0, three.length, ByteBuffer.allocate(4), 2));
        // a run longer than the image
        DepthFormatException run = assertThrows(DepthFormatException.class,
                () -> codec.decode(bytes(0x00, 0x00, 0x00, 0x40), 0, 4, ByteBuffer.allocate(6), 3)); // zeros 4
        assertEquals("zero run of 4 where at most 3 fits", run.getMessage());
        // non-zero padding: [5] then nibble 1 where padding belongs
        DepthFormatException pad = assertThrows(DepthFormatException.class,
                () -> codec.decode(bytes(0x00, 0x10, 0xA1, 0x01), 0, 4, ByteBuffer.allocate(2), 1));
        assertEquals("non-zero padding after the last of 1 pixels", pad.getMessage());
    }

    @Test
    void valuesTheEncoderNeverWritesAreRejected() {
        // a non-zero run whose value decodes to 0: [0][1] then difference code 0 -> 0x01000000
        assertThrows(DepthFormatException.class, () -> codec.decode(bytes(0, 0, 0, 0x01), 0, 4, ByteBuffer.allocate(2), 1));
        // below zero: code 1 = difference -1 from 0 -> 0x01100000
        assertThrows(DepthFormatException.class, () -> codec.decode(bytes(0, 0, 0x10, 0x01), 0, 4, ByteBuffer.allocate(2), 1));
        // an empty run pair [0][0] -> 0x00000000
        assertThrows(DepthFormatException.class, () -> codec.decode(bytes(0, 0, 0, 0), 0, 4, ByteBuffer.allocate(2), 1));
        // a number of 12 nibbles (continuation bits all the way)
        assertThrows(DepthFormatException.class,
                () -> codec.decode(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), 0, 8, ByteBuffer.allocate(2), 1));
    }

    @Test
    void randomAndDamagedInputNeverEscapesItsBuffers() {
        Random random = new Random(3);
        byte[] good = encode(0, 0, 17, 18, 400, 0, 65535, 3, 0, 0, 0, 1000);
        for (int round = 0; round < 20_000; round++) {
            byte[] in;
            if (round % 2 == 0) {
                in = new byte[4 * random.nextInt(12)];
                random.nextBytes(in);
            } else {
                in = good.clone();
                in[random.nextInt(in.length)] ^= (byte) (1 << random.nextInt(8));
            }
            int pixels = round % 2 == 0 ? random.nextInt(40) : 12;
            byte[] padded = new byte[in.length + 8];
            System.arraycopy(in, 0, padded, 4, in.length);
            ByteBuffer out = ByteBuffer.allocate(pixels * 2 + 8);
            out.position(4);
            ByteBuffer guarded = out.slice().limit(pixels * 2);
            try {
                codec.decode(padded, 4, in.length, guarded, pixels);
            } catch (DepthFormatException expected) {
                // fine: a clear rejection
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(0, out.get(i));
                assertEquals(0, out.get(4 + pixels * 2 + i));
            }
        }
    }
}
