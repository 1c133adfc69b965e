package dev.camrtc.systemtests.aiortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.media.depth.RvlCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aiortc receiver's depth side ({@code depth_z16.py}, written from PROTOCOL.md 8) without WebRTC: it decodes
 * what the Java RVL encoder writes and finds every pixel of the section-8 pattern (and the one pixel changed), and
 * hostile chunks are counted and dropped while the next good frame still comes through.
 */
class AiortcDepthDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesTheJavaRvlEncodersPatternFramesPixelExact() throws Exception {
        int[][] frames = {{640, 480, 0}, {424, 240, 12_345}, {33, 17, 6}, {1, 1, 7}};
        StringBuilder lines = new StringBuilder();
        for (int[] f : frames) {
            lines.append(encode(f[0], f[1], f[2], false)).append(' ').append(encode(f[0], f[1], f[2], true)).append('\n');
        }
        String out = python(String.join("\n",
                "import sys, depth_z16 as d",
                "p = d.Pattern()",
                "for line in open(sys.argv[1]):",
                "    for path in line.split():",
                "        w, h, n, _ = path.rsplit('/', 1)[1].split('-')",
                "        f = d.Frame(int(n), 0, int(w), int(h), d.RVL, open(path, 'rb').read())",
                "        print(p.bad_pixels(d.decode(f), int(n)), end=' ')",
                "    print()"), lines.toString());
        assertEquals("0 1 \n".repeat(frames.length), out, "exact frames decode exact; one changed pixel is found");
    }

    @Test
    void hostileChunksAreCountedAndDroppedAndTheNextFrameComesThrough() throws Exception {
        String out = python(String.join("\n",
                "import struct, depth_z16 as d",
                "def chunk(n, i, count, payload, w=2, h=1, codec=0, magic=b'CZ16'):",
                "    return struct.pack('<4sIQHHBBBB', magic, n, 1000, w, h, codec, i, count, 0) + payload",
                "r = d.Reassembler(2, 1)",
                "got = [r.add(m) for m in [",
                "    'text', b'CZ16', chunk(1, 0, 1, b'\\0' * 65513), chunk(1, 0, 1, b'', magic=b'CZ17'),",
                "    chunk(1, 0, 1, b'', codec=2), chunk(1, 1, 1, b''),",  // invalid: 6
                "    chunk(2, 0, 1, b'', w=3), chunk(2, 0, 1, b'', h=2), chunk(3, 0, 1, b'\\0' * 100),",  // refused: 3
                "    chunk(4, 0, 2, b'ab'), chunk(5, 0, 1, b'cd'),",  // 4 abandoned, 5 complete
                "    chunk(6, 1, 2, b'cd'), chunk(6, 0, 2, b'ab'), chunk(6, 1, 2, b'cd'),",  // 6 without chunk 0 first
                "    chunk(7, 0, 2, b'\\x01\\x00'), chunk(7, 1, 2, b'\\x02\\x00')]]",
                "frames = [g for g in got if g is not None]",
                "print(r.invalid, r.refused, r.incomplete, [f.counter for f in frames], list(d.decode(frames[-1])[0]))",
                "print(list(d.rvl_decode(b'\\x00\\x00\\x00\\x40', 4)))",  // 4 zeros, 0 non-zeros, padding
                // nothing; no end; 1 pixel of 4; a run of 5; a whole word after the padding
                "for bad in [b'', b'\\xff' * 8, b'\\0\\0\\0\\x10', b'\\0\\0\\0\\x50', b'\\0\\0\\0\\x40' + b'\\0' * 4]:",
                "    try:",
                "        d.rvl_decode(bad, 4)",
                "        print('accepted', bad)",
                "    except d.DepthError:",
                "        print('refused', end=' ')"), "");
        assertEquals("6 3 2 [5, 7] [1, 2]\n[0, 0, 0, 0]\nrefused refused refused refused refused ", out);
    }

    /** Writes pattern frame n (one pixel changed when {@code changed}) as the Java encoder's RVL; its file name. */
    private String encode(int width, int height, int n, boolean changed) throws Exception {
        ByteBuffer depth = ByteBuffer.allocate(width * height * 2).order(ByteOrder.LITTLE_ENDIAN);
        DepthTestPattern.fill(depth, width, height, n);
        if (changed) {
            int i = width * height / 2;
            depth.putShort(2 * i, (short) (depth.getShort(2 * i) + 1));
        }
        byte[] out = new byte[RvlCodec.maxEncodedSize(width * height)];
        int length = new RvlCodec().encode(depth, width * height, out, 0);
        Path file = dir.resolve(width + "-" + height + "-" + n + "-" + changed);
        Files.write(file, Arrays.copyOf(out, length));
        return file.toString();
    }

    private String python(String program, String input) throws Exception {
        Path in = dir.resolve("input.txt");
        Files.writeString(in, input);
        Process p = new ProcessBuilder(List.of(AiortcReceiver.PYTHON, "-c", program, in.toString()))
                .directory(AiortcReceiver.SCRIPT.getParent().toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
