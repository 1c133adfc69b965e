package dev.camrtc.media.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.stamp.FrameStamp;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Real libyuv conversions through webrtc-java's native library (no network involved). */
class I420ConverterTest {

    private final I420Converter converter = new I420Converter();

    @org.junit.jupiter.api.BeforeAll
    static void loadNativeLibrary() {
        dev.camrtc.media.natives.WebRtcLibrary.load();
    }

    @Test
    void mono8IsCopiedIntoLumaWithGreyChroma() {
        int w = 64;
        int h = 48;
        ByteBuffer mono = ByteBuffer.allocate(w * h); // heap buffer on purpose
        for (int i = 0; i < w * h; i++) {
            mono.put(i, (byte) (i * 7));
        }
        NativeI420Buffer i420 = converter.toI420(frame("ir", w, h, PixelFormat.MONO8, mono));
        try {
            assertEquals(w, i420.getWidth());
            assertEquals(h, i420.getHeight());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals((byte) ((y * w + x) * 7), i420.getDataY().get(y * i420.getStrideY() + x), "Y at " + x + "," + y);
                }
            }
            for (int y = 0; y < h / 2; y++) {
                for (int x = 0; x < w / 2; x++) {
                    assertEquals(128, i420.getDataU().get(y * i420.getStrideU() + x) & 0xFF);
                    assertEquals(128, i420.getDataV().get(y * i420.getStrideV() + x) & 0xFF);
                }
            }
            ByteBuffer back = I420Converter.fromI420(i420, PixelFormat.MONO8, ByteBuffer.allocate(w * h));
            assertEquals(mono.clear(), back.clear(), "mono8 -> I420 -> mono8 is lossless");
        } finally {
            i420.release();
        }
    }

    @Test
    void bgr8UsesBt601StudioRange() {
        // libyuv's BGR24 -> I420 (BT.601, video range): Y = ((66R + 129G + 25B + 128) >> 8) + 16,
        // U = (112B - 74G - 38R + 0x8000) >> 8, V = (112R - 94G - 18B + 0x8000) >> 8
        assertYuv(255, 255, 255, 235, 128, 128);
        assertYuv(0, 0, 0, 16, 128, 128);
        assertYuv(0, 0, 255, 82, 90, 239);   // pure red (B, G, R = 0, 0, 255)
        assertYuv(255, 0, 0, 41, 239, 110);  // pure blue
    }

    @Test
    void bgr8RoundTripKeepsColours() {
        int w = 32;
        int h = 16;
        int[][] colours = {{0, 0, 0}, {255, 255, 255}, {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {40, 120, 200}};
        for (int[] c : colours) {
            ByteBuffer bgr = solid(w, h, c);
            NativeI420Buffer i420 = converter.toI420(frame("color", w, h, PixelFormat.BGR8, bgr));
            ByteBuffer back;
            try {
                back = I420Converter.fromI420(i420, PixelFormat.BGR8, null);
            } finally {
                i420.release();
            }
            assertTrue(back.isDirect());
            for (int i = 0; i < w * h * 3; i++) {
                int expected = c[i % 3];
                int actual = back.get(i) & 0xFF;
                // 8-bit studio-range YUV loses a few levels per channel (4 measured for saturated blue)
                assertTrue(Math.abs(expected - actual) <= 5, "channel " + (i % 3) + " of " + java.util.Arrays.toString(c)
                        + ": " + actual);
            }
        }
    }

    @Test
    void stampSurvivesBgrToI420AndBack() {
        int w = 640;
        int h = 480;
        ByteBuffer bgr = solid(w, h, new int[] {30, 90, 160});
        FrameStamp.encode(bgr, w, h, PixelFormat.BGR8, 4242, 1_700_000_000_123L);
        NativeI420Buffer i420 = converter.toI420(frame("color", w, h, PixelFormat.BGR8, bgr));
        try {
            FrameStamp.Stamp expected = new FrameStamp.Stamp(4242, 1_700_000_000_123L);
            assertEquals(expected, FrameStamp.decodeLuma(i420.getDataY(), i420.getStrideY(), w, h).orElseThrow());
            ByteBuffer back = I420Converter.fromI420(i420, PixelFormat.BGR8, null);
            assertEquals(expected, FrameStamp.decode(back, w, h, PixelFormat.BGR8).orElseThrow());
        } finally {
            i420.release();
        }
    }

    @Test
    void refusesDepthAndSmallOutput() {
        ByteBuffer z16 = ByteBuffer.allocateDirect(8 * 8 * 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> converter.toI420(frame("depth", 8, 8, PixelFormat.Z16, z16)));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
        NativeI420Buffer i420 = NativeI420Buffer.allocate(8, 8);
        try {
            assertThrows(IllegalArgumentException.class,
                    () -> I420Converter.fromI420(i420, PixelFormat.BGR8, ByteBuffer.allocateDirect(10)));
            assertThrows(IllegalArgumentException.class,
                    () -> I420Converter.fromI420(i420, PixelFormat.BGR8, ByteBuffer.allocate(8 * 8 * 3)));
        } finally {
            i420.release();
        }
    }

    private void assertYuv(int b, int g, int r, int y, int u, int v) {
        NativeI420Buffer i420 = converter.toI420(frame("color", 4, 4, PixelFormat.BGR8, solid(4, 4, new int[] {b, g, r})));
        try {
            String colour = "BGR " + b + "," + g + "," + r;
            assertEquals(y, i420.getDataY().get(0) & 0xFF, "Y of " + colour);
            assertEquals(u, i420.getDataU().get(0) & 0xFF, "U of " + colour);
            assertEquals(v, i420.getDataV().get(0) & 0xFF, "V of " + colour);
        } finally {
            i420.release();
        }
    }

    private static ByteBuffer solid(int w, int h, int[] bgr) {
        ByteBuffer buf = ByteBuffer.allocateDirect(w * h * 3);
        for (int i = 0; i < w * h * 3; i++) {
            buf.put(i, (byte) bgr[i % 3]);
        }
        return buf;
    }

    private static CameraFrame frame(String stream, int w, int h, PixelFormat format, ByteBuffer buf) {
        return new CameraFrame(stream, w, h, format, buf, 0, 0);
    }
}
