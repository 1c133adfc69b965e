package dev.camrtc.media.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md 8 chunk framing: the writer's bytes, and the reassembler against good and hostile input. */
class DepthChunksTest {

    private static final DepthFrameHeader VGA = new DepthFrameHeader(0x01020304L, 0x1122334455667788L, 640, 480,
            DepthCodec.RVL);

    /** Chunks as the sink saw them, copied. */
    static List<byte[]> chunks(DepthFrameHeader header, byte[] payload) throws Exception {
        List<byte[]> out = new ArrayList<>();
        new DepthChunkWriter().write(header, payload, 0, payload.length, chunk -> {
            assertTrue(chunk.isDirect());
            assertEquals(0, chunk.position());
            assertEquals(chunk.capacity(), chunk.limit(), "webrtc-java sends a direct buffer's whole capacity");
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.add(b);
        });
        return out;
    }

    static byte[] payload(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Collects whole frames (copied) from a reassembler. */
    static final class Frames implements DepthReassembler.FrameSink {
        final List<DepthFrameHeader> headers = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();

        @Override
        public void onFrame(DepthFrameHeader header, byte[] payload, int length) {
            headers.add(header);
            payloads.add(Arrays.copyOf(payload, length));
        }
    }

    @Test
    void headerBytesAreLittleEndianAsTheTableSays() throws Exception {
        List<byte[]> c = chunks(VGA, new byte[] {9, 8, 7});
        assertEquals(1, c.size());
        // CZ16 | counter 0x01020304 LE | time 0x1122334455667788 LE | 640 = 0x0280 LE | 480 = 0x01E0 LE |
        // codec 1 | index 0 | count 1 | reserved 0 | payload
        byte[] expected = {0x43, 0x5A, 0x31, 0x36, 0x04, 0x03, 0x02, 0x01,
                (byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
                (byte) 0x80, 0x02, (byte) 0xE0, 0x01, 0x01, 0x00, 0x01, 0x00, 9, 8, 7};
        assertArrayEquals(expected, c.get(0));
    }

    @Test
    void framesSplitIntoFullChunksOfAtMost65536Bytes() throws Exception {
        assertEquals(List.of(24), sizes(chunks(VGA, new byte[0])));
        assertEquals(List.of(65_536), sizes(chunks(VGA, new byte[65_512])));
        assertEquals(List.of(65_536, 25), sizes(chunks(VGA, new byte[65_513])));
        List<byte[]> max = chunks(VGA, new byte[DepthChunks.MAX_FRAME_BYTES]);
        assertEquals(255, max.size());
        for (int i = 0; i < max.size(); i++) {
            assertEquals(65_536, max.get(i).length);
            assertEquals(i, max.get(i)[21] & 0xFF, "index");
            assertEquals(255, max.get(i)[22] & 0xFF, "count");
        }
        assertThrows(IllegalArgumentException.class, () -> chunks(VGA, new byte[DepthChunks.MAX_FRAME_BYTES + 1]));
        DepthFrameHeader raw = new DepthFrameHeader(1, 2, 4, 3, DepthCodec.RAW);
        assertThrows(IllegalArgumentException.class, () -> chunks(raw, new byte[23]));
        assertEquals(1, chunks(raw, new byte[24]).size());
    }

    @Test
    void headerFieldsAreRangeChecked() {
        assertThrows(IllegalArgumentException.class, () -> new DepthFrameHeader(-1, 0, 1, 1, DepthCodec.RVL));
        assertThrows(IllegalArgumentException.class, () -> new DepthFrameHeader(1L << 32, 0, 1, 1, DepthCodec.RVL));
        assertThrows(IllegalArgumentException.class, () -> new DepthFrameHeader(0, 0, 0, 1, DepthCodec.RVL));
        assertThrows(IllegalArgumentException.class, () -> new DepthFrameHeader(0, 0, 1, 65_536, DepthCodec.RVL));
        assertEquals(0xFFFF_FFFFL, new DepthFrameHeader(0xFFFF_FFFFL, 0, 65_535, 65_535, DepthCodec.RAW).counter());
    }

    @Test
    void reassemblesFramesOfEverySize() throws Exception {
        Frames frames = new Frames();
        DepthReassembler r = new DepthReassembler(DepthChunks.MAX_FRAME_BYTES, frames);
        int[] sizes = {0, 1, 65_511, 65_512, 65_513, 200_000, 921_604, DepthChunks.MAX_FRAME_BYTES};
        for (int i = 0; i < sizes.length; i++) {
            DepthFrameHeader h = new DepthFrameHeader(0xFFFF_FFF0L + i, 1_700_000_000_000_000L + i, 640, 480, DepthCodec.RVL);
            byte[] p = payload(sizes[i], i);
            for (byte[] c : chunks(h, p)) {
                r.accept(ByteBuffer.wrap(c));
            }
            assertEquals(h, frames.headers.get(i));
            assertArrayEquals(p, frames.payloads.get(i), "frame of " + sizes[i] + " bytes");
        }
        assertEquals(sizes.length, r.framesCompleted());
        assertEquals(0, r.framesDropped());
        assertEquals(0, r.chunksDropped());
        assertTrue(r.bufferBytes() <= DepthChunks.MAX_FRAME_BYTES);
    }

    @Test
    void aChunkIsReadFromItsPositionToItsLimitAndNotConsumed() throws Exception {
        Frames frames = new Frames();
        DepthReassembler r = new DepthReassembler(1000, frames);
        byte[] chunk = chunks(VGA, new byte[] {1, 2, 3}).get(0);
        ByteBuffer padded = ByteBuffer.allocateDirect(chunk.length + 10);
        padded.position(5);
        padded.put(chunk);
        padded.position(5).limit(5 + chunk.length);
        r.accept(padded);
        assertEquals(5, padded.position());
        assertArrayEquals(new byte[] {1, 2, 3}, frames.payloads.get(0));
    }

    /** Feeds frame A with a fault, then a good frame B: A is dropped, B delivered, nothing thrown. */
    private static void assertDropsThenRecovers(String what, java.util.function.UnaryOperator<List<byte[]>> fault)
            throws Exception {
        Frames frames = new Frames();
        DepthReassembler r = new DepthReassembler(300_000, frames);
        DepthFrameHeader a = new DepthFrameHeader(7, 1000, 640, 480, DepthCodec.RVL);
        DepthFrameHeader b = new DepthFrameHeader(8, 2000, 640, 480, DepthCodec.RVL);
        for (byte[] c : fault.apply(chunks(a, payload(150_000, 1)))) {
            r.accept(ByteBuffer.wrap(c));
        }
        assertEquals(List.of(), frames.headers, what + ": a damaged frame must not be delivered");
        byte[] good = payload(150_000, 2);
        for (byte[] c : chunks(b, good)) {
            r.accept(ByteBuffer.wrap(c));
        }
        assertTrue(r.framesDropped() + r.chunksDropped() > 0, what + ": counted");
        assertEquals(List.of(b), frames.headers, what + ": the next frame arrives");
        assertArrayEquals(good, frames.payloads.get(0));
    }

    @Test
    void framesWhoseChunksAreNotAllInOrderAreDropped() throws Exception {
        assertDropsThenRecovers("swapped", c -> List.of(c.get(0), c.get(2), c.get(1)));
        assertDropsThenRecovers("missing middle", c -> List.of(c.get(0), c.get(2)));
        assertDropsThenRecovers("missing last", c -> List.of(c.get(0), c.get(1)));
        assertDropsThenRecovers("missing first", c -> List.of(c.get(1), c.get(2)));
        assertDropsThenRecovers("duplicated", c -> List.of(c.get(0), c.get(1), c.get(1), c.get(2)));
        assertDropsThenRecovers("restarted", c -> List.of(c.get(0), c.get(1), c.get(0)));
        assertDropsThenRecovers("chunk of another frame", c -> List.of(c.get(0), with(c.get(1), 4, 99), c.get(2)));
        assertDropsThenRecovers("other capture time", c -> List.of(c.get(0), with(c.get(1), 8, 1), c.get(2)));
        assertDropsThenRecovers("other width", c -> List.of(c.get(0), with(c.get(1), 16, 1), c.get(2)));
        assertDropsThenRecovers("other count", c -> List.of(c.get(0), with(c.get(1), 22, 4), c.get(2)));
        assertDropsThenRecovers("other codec", c -> List.of(c.get(0), with(c.get(1), 20, 0), c.get(2)));
    }

    @Test
    void unknownMagicCodecAndBadHeadersAreDropped() throws Exception {
        assertDropsThenRecovers("magic", c -> List.of(with(c.get(0), 0, 'X'), c.get(1), c.get(2)));
        assertDropsThenRecovers("magic mid-frame", c -> List.of(c.get(0), with(c.get(1), 3, 'X'), c.get(2)));
        assertDropsThenRecovers("codec 2", c -> List.of(with(c.get(0), 20, 2), c.get(1), c.get(2)));
        assertDropsThenRecovers("codec 255", c -> List.of(c.get(0), c.get(1), with(c.get(2), 20, 255)));
        assertDropsThenRecovers("count 0", c -> List.of(with(c.get(0), 22, 0)));
        assertDropsThenRecovers("index >= count", c -> List.of(c.get(0), c.get(1), with(c.get(2), 21, 3)));
        assertDropsThenRecovers("width 0", c -> List.of(with(with(c.get(0), 16, 0), 17, 0), c.get(1), c.get(2)));
        assertDropsThenRecovers("short message", c -> List.of(c.get(0), Arrays.copyOf(c.get(1), 23), c.get(2)));
        assertDropsThenRecovers("empty message", c -> List.of(c.get(0), new byte[0], c.get(1), c.get(2)));
        assertDropsThenRecovers("message over 65536 bytes",
                c -> List.of(c.get(0), Arrays.copyOf(c.get(1), 65_537), c.get(2)));
    }

    @Test
    void framesLargerThanTheCapAreDroppedAndMemoryStaysBounded() throws Exception {
        Frames frames = new Frames();
        DepthReassembler r = new DepthReassembler(100_000, frames);
        List<String> reasons = new ArrayList<>();
        for (byte[] c : chunks(VGA, new byte[150_000])) {
            r.accept(ByteBuffer.wrap(c));
            reasons.add(r.lastDropReason());
        }
        assertEquals(List.of(), frames.headers);
        assertEquals(1, r.framesDropped());
        // chunk 1 overflows the cap; chunk 2 then has no frame to belong to
        assertEquals(Arrays.asList(null, "frame larger than 100000 bytes", "chunk without its frame's first chunk"),
                reasons);
        assertTrue(r.bufferBytes() <= 100_000, "buffer " + r.bufferBytes());
        // a raw frame must be exactly width x height x 2 bytes
        byte[] rawChunk = chunks(new DepthFrameHeader(1, 1, 4, 3, DepthCodec.RAW), new byte[24]).get(0);
        r.accept(ByteBuffer.wrap(Arrays.copyOf(rawChunk, rawChunk.length - 2)));
        assertEquals(List.of(), frames.headers);
        r.accept(ByteBuffer.wrap(rawChunk));
        assertEquals(1, frames.headers.size());
        assertEquals(DepthCodec.RAW, frames.headers.get(0).codec());
    }

    @Test
    void randomGarbageNeverThrowsNeverGrowsBeyondTheCapAndGoodFramesStillArrive() throws Exception {
        Random random = new Random(5);
        Frames frames = new Frames();
        DepthReassembler r = new DepthReassembler(200_000, frames);
        List<byte[]> good = chunks(VGA, payload(140_000, 9));
        int delivered = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] m;
            switch (random.nextInt(4)) {
                case 0 -> {
                    m = new byte[random.nextInt(200)];
                    random.nextBytes(m);
                }
                case 1 -> {
                    m = good.get(random.nextInt(good.size())).clone();
                    m[random.nextInt(24)] ^= (byte) (1 << random.nextInt(8));
                }
                case 2 -> m = good.get(random.nextInt(good.size()));
                default -> {
                    for (byte[] c : good) {
                        r.accept(ByteBuffer.wrap(c));
                    }
                    delivered++;
                    continue;
                }
            }
            r.accept(ByteBuffer.wrap(m));
            assertTrue(r.bufferBytes() <= 200_000);
        }
        assertTrue(frames.headers.size() >= delivered, frames.headers.size() + " < " + delivered);
        for (int i = 0; i < frames.headers.size(); i++) {
            if (frames.headers.get(i).equals(VGA)) {
                assertEquals(140_000, frames.payloads.get(i).length);
            }
        }
    }

    private static byte[] with(byte[] chunk, int at, int value) {
        byte[] c = chunk.clone();
        c[at] = (byte) value;
        return c;
    }

    private static List<Integer> sizes(List<byte[]> chunks) {
        return chunks.stream().map(b -> b.length).toList();
    }
}
