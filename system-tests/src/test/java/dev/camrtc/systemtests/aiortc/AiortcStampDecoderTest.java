package dev.camrtc.systemtests.aiortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aiortc receiver's frame-stamp decoder (Python) against the Java encoder (PROTOCOL.md 7): the stamps
 * Java draws are read back exactly, at 640x480 and at an odd size, and a damaged band is rejected.
 */
class AiortcStampDecoderTest {

    private static final long MS = 1_700_000_000_123L;

    @TempDir
    Path dir;

    @Test
    void readsWhatTheJavaEncoderDraws() throws Exception {
        assertEquals(List.of("123456 1700000000123", "16777215 1700000000124", "0 17592186044415"),
                decodeInPython(640, 480, List.of(new long[] {123456, MS}, new long[] {16_777_215, MS + 1},
                        new long[] {0, FrameStamp.TIME_MASK}), -1));
        assertEquals(List.of("7 1700000000123"), decodeInPython(1278, 719, List.of(new long[] {7, MS}), -1));
    }

    @Test
    void rejectsADamagedBand() throws Exception {
        // block 30 (a counter / time bit) painted mid-grey: ambiguous, so no stamp
        assertEquals(List.of("None"), decodeInPython(640, 480, List.of(new long[] {99, MS}), 30));
    }

    /** Draws each (counter, ms) into a MONO8 picture, optionally greys one block, decodes them with the script. */
    private List<String> decodeInPython(int w, int h, List<long[]> stamps, int greyBlock) throws Exception {
        Path raw = dir.resolve("frames-" + w + "x" + h + ".y");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (long[] s : stamps) {
            ByteBuffer luma = ByteBuffer.allocate(w * h);
            FrameStamp.encode(luma, w, h, PixelFormat.MONO8, s[0], s[1]);
            byte[] px = luma.array();
            if (greyBlock >= 0) {
                int band = FrameStamp.bandHeight(h);
                int r = greyBlock / FrameStamp.COLUMNS;
                int c = greyBlock % FrameStamp.COLUMNS;
                for (int y = r * band / 2; y < (r + 1) * band / 2; y++) {
                    for (int x = c * w / FrameStamp.COLUMNS; x < (c + 1) * w / FrameStamp.COLUMNS; x++) {
                        px[y * w + x] = (byte) 128;
                    }
                }
            }
            all.write(px);
        }
        Files.write(raw, all.toByteArray());
        String program = String.join("\n",
                "import sys, numpy, aiortc_receiver as a",
                "w, h = " + w + ", " + h,
                "frames = numpy.fromfile(sys.argv[1], numpy.uint8).reshape(-1, h, w)",
                "for f in frames:",
                "    s = a.decode_stamp(f, w, h)",
                "    print('None' if s is None else '%d %d' % s)");
        Process p = new ProcessBuilder(AiortcReceiver.PYTHON, "-c", program, raw.toString())
                .directory(AiortcReceiver.SCRIPT.getParent().toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
