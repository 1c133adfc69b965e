package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthReassembler;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.sender.camera.realsense.DepthColorizer;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.depth.DepthPage;
import dev.camrtc.systemtests.depth.JavaDepthFrames;
import dev.camrtc.systemtests.signaling.TestServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The viewer's depth worker (js/depth: section-8 reassembly, RVL and raw decoding, colour map) in real
 * Chromium against chunks written by the Java side (media RvlCodec / DepthChunkWriter): every decoded pixel
 * is checked against the PROTOCOL.md 8 formula, the colours against the sender's DepthColorizer, and
 * truncated, reordered and hostile chunks are dropped without harming the frames around them.
 */
class DepthDecoderBrowserTest {

    private static TestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        chromium = Chromium.shared();
        chromium.driver().get(server.http("/index.html").toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void decodesJavaEncodedFramesExactlyInEitherCodecAndSize() {
        long[][] frames = {  // n, codec (0 raw, 1 RVL), width, height
            {0, 1, 640, 480}, {1, 0, 640, 480}, {0xFFFF_FFFFL, 1, 640, 480}, {77, 1, 1280, 720},
            {5, 1, 1, 1}, {3, 1, 33, 17}, {9, 0, 33, 17},
        };
        for (long[] f : frames) {
            long n = f[0];
            DepthCodec codec = f[1] == 0 ? DepthCodec.RAW : DepthCodec.RVL;
            int w = (int) f[2];
            int h = (int) f[3];
            String what = "frame " + n + " " + codec + " " + w + "x" + h;
            Map<String, Object> result = DepthPage.feed(chromium, JavaDepthFrames.chunks(n, codec, w, h),
                    DepthReassembler.maxFrameBytes(w, h));
            assertEquals(List.of(), result.get("errors"), what);
            List<Map<String, Object>> got = frames(result);
            assertEquals(1, got.size(), what + ": " + result.get("decodeErrors"));
            Map<?, ?> header = (Map<?, ?>) got.get(0).get("header");
            assertEquals(n, ((Number) header.get("counter")).longValue(), what);
            assertEquals(JavaDepthFrames.captureMicros(n), ((Number) header.get("timeUs")).longValue(), what);
            assertEquals(w, ((Number) header.get("width")).intValue(), what);
            assertEquals(h, ((Number) header.get("height")).intValue(), what);
            assertEquals(codec.wireId(), ((Number) header.get("codec")).intValue(), what);
            ByteBuffer depth = decoded(got.get(0));
            assertEquals(w * h * 2, depth.remaining(), what);
            assertNull(DepthTestPattern.firstMismatch(depth, w, h, n), what);
            assertSenderColours(depth, Base64.getDecoder().decode((String) got.get(0).get("rgba")), w * h, what);
        }
    }

    @Test
    void dropsTruncatedReorderedAndHostileChunksAndRecovers() {
        int w = 640;
        int h = 480;
        int limit = DepthReassembler.maxFrameBytes(w, h);
        List<String> chunks = new ArrayList<>(JavaDepthFrames.chunks(10, DepthCodec.RVL, w, h));   // good
        byte[] chunk0 = Base64.getDecoder().decode(JavaDepthFrames.chunks(20, DepthCodec.RVL, w, h).get(0));
        chunks.add(b64(Arrays.copyOf(chunk0, 10)));                                            // shorter than a header
        chunks.add(b64(with(chunk0, 0, (byte) 'X')));                                          // unknown magic
        chunks.add(b64(with(chunk0, 20, (byte) 7)));                                           // unknown codec
        chunks.add(b64(with(chunk0, 22, (byte) 0)));                                           // chunk count 0
        chunks.add(b64(with(chunk0, 16, (byte) 0, (byte) 0)));                                  // width 0
        List<String> raw = JavaDepthFrames.chunks(21, DepthCodec.RAW, w, h);                   // 10 chunks
        List<String> missing = new ArrayList<>(raw);
        missing.remove(1);                                                                     // one lost
        chunks.addAll(missing);
        List<String> swapped = new ArrayList<>(JavaDepthFrames.chunks(22, DepthCodec.RAW, w, h));
        java.util.Collections.swap(swapped, 2, 3);                                             // out of order
        chunks.addAll(swapped);
        List<String> cut = JavaDepthFrames.chunks(23, DepthCodec.RAW, w, h);
        chunks.addAll(cut.subList(0, 5));                                                      // a frame cut short ...
        byte[] rvl = JavaDepthFrames.payload(24, DepthCodec.RVL, w, h);
        DepthFrameHeader rvlHeader = new DepthFrameHeader(24, 0, w, h, DepthCodec.RVL);
        chunks.addAll(JavaDepthFrames.chunks(rvlHeader, Arrays.copyOf(rvl, rvl.length - 4)));  // ... then truncated RVL
        chunks.addAll(JavaDepthFrames.chunks(rvlHeader, Arrays.copyOf(rvl, rvl.length + 4)));  // overlong RVL
        byte[] garbage = new byte[40_000];
        new Random(5).nextBytes(garbage);
        chunks.addAll(JavaDepthFrames.chunks(rvlHeader, garbage));                             // random RVL
        byte[] huge = new byte[limit + 4];                                                     // more than the cap
        chunks.addAll(JavaDepthFrames.chunks(new DepthFrameHeader(25, 0, w, h, DepthCodec.RVL), huge));
        chunks.addAll(JavaDepthFrames.chunks(11, DepthCodec.RVL, w, h));                       // good again

        Map<String, Object> result = DepthPage.feed(chromium, chunks, limit);
        assertEquals(List.of(), result.get("errors"));
        List<Map<String, Object>> got = frames(result);
        List<Long> counters = got.stream().map(f -> ((Number) ((Map<?, ?>) f.get("header")).get("counter")).longValue()).toList();
        assertEquals(List.of(10L, 11L), counters, "only the two good frames: " + result.get("decodeErrors"));
        assertNull(DepthTestPattern.firstMismatch(decoded(got.get(0)), w, h, 10));
        assertNull(DepthTestPattern.firstMismatch(decoded(got.get(1)), w, h, 11));
        List<?> decodeErrors = (List<?>) result.get("decodeErrors");
        assertEquals(3, decodeErrors.size(), "truncated, overlong and random RVL refused: " + decodeErrors);
        assertTrue(decodeErrors.get(0).toString().contains("truncated"), decodeErrors.toString());
        assertTrue(decodeErrors.get(1).toString().contains("overlong"), decodeErrors.toString());
        Map<?, ?> last = (Map<?, ?>) result.get("last");
        // reassembly drops: lost chunk, swapped pair, cut-short frame, oversize frame (+ 3 RVL decode errors)
        assertEquals(4 + 3, ((Number) last.get("framesDropped")).intValue(), last.toString());
        assertTrue(((Number) last.get("chunksDropped")).intValue() >= 5 + 2, last.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> frames(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("frames");
    }

    private static ByteBuffer decoded(Map<String, Object> frame) {
        return ByteBuffer.wrap(Base64.getDecoder().decode((String) frame.get("depth"))).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Every pixel's RGBA is the sender's colorized-depth colour (DepthColorizer, 300..4000) of its depth. */
    private static void assertSenderColours(ByteBuffer depth, byte[] rgba, int pixels, String what) {
        DepthColorizer colorizer = new DepthColorizer(300, 4000);
        assertEquals(pixels * 4, rgba.length, what);
        for (int i = 0; i < pixels; i++) {
            int z = Short.toUnsignedInt(depth.getShort(2 * i));
            int[] bgr = colorizer.colorOf(z);
            int[] got = {rgba[4 * i + 2] & 0xFF, rgba[4 * i + 1] & 0xFF, rgba[4 * i] & 0xFF};
            if (!Arrays.equals(bgr, got) || (rgba[4 * i + 3] & 0xFF) != 255) {
                assertArrayEquals(bgr, got, what + ": colour of pixel " + i + " (depth " + z + ")");
            }
        }
    }

    private static byte[] with(byte[] chunk, int at, byte... bytes) {
        byte[] copy = chunk.clone();
        System.arraycopy(bytes, 0, copy, at, bytes.length);
        return copy;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
