package dev.camrtc.media.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ROS compressedDepth layout, checked by hand and by an independent Python reader
 * ({@code depth/depth_check.py}, written from compressed_depth_image_transport's layout, no shared code).
 */
class CompressedDepthTest {

    @Test
    void prefixBytesByHand() {
        byte[] rvl = {1, 2, 3, 4};
        ByteBuffer out = ByteBuffer.allocate(30);
        out.position(3);
        assertEquals(24, CompressedDepth.write(640, 480, rvl, 0, 4, out));
        assertEquals(3, out.position());
        // format 0 | 0.0f | 0.0f | cols 640 = 0x280 | rows 480 = 0x1E0 | RVL, little-endian
        byte[] expected = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0x02, 0, 0, (byte) 0xE0, 0x01, 0, 0, 1, 2, 3, 4};
        assertArrayEquals(expected, Arrays.copyOfRange(out.array(), 3, 27));
        assertEquals("16UC1; compressedDepth rvl", CompressedDepth.FORMAT);
        assertThrows(IllegalArgumentException.class, () -> CompressedDepth.write(640, 480, rvl, 0, 4, ByteBuffer.allocate(23)));
    }

    @Test
    void anIndependentPythonReaderDecodesTheTestPattern(@TempDir Path dir) throws Exception {
        int w = 160;
        int h = 120;
        long n = 12;
        ByteBuffer depth = ByteBuffer.allocate(w * h * 2);
        DepthTestPattern.fill(depth, w, h, n);
        byte[] rvl = new byte[RvlCodec.maxEncodedSize(w * h)];
        int len = new RvlCodec().encode(depth, w * h, rvl, 0);
        ByteBuffer message = ByteBuffer.allocate(CompressedDepth.size(len));
        CompressedDepth.write(w, h, rvl, 0, len, message);
        Path file = dir.resolve("compressed.bin");
        Files.write(file, message.array());

        JsonNode result = runChecker("compressed", file.toString(), Long.toString(n));
        assertEquals(w, result.get("cols").asInt());
        assertEquals(h, result.get("rows").asInt());
        assertEquals("[0,0.0,0.0]", result.get("header").toString());
        assertEquals(len, result.get("rvl_bytes").asInt());
        assertEquals(len, result.get("rvl_bytes_read").asInt(), "the reader used every RVL byte");
        assertEquals(0, result.get("mismatches").asInt(), result.toString());
        // and it does notice a wrong frame: the same bytes checked against frame n + 1
        JsonNode wrong = runChecker("compressed", file.toString(), Long.toString(n + 1));
        assertTrue(wrong.get("mismatches").asInt() > w * h / 2, wrong.toString());
    }

    static Path script() throws Exception {
        return Path.of(CompressedDepthTest.class.getResource("/depth/depth_check.py").toURI());
    }

    private static JsonNode runChecker(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "/usr/bin/python3";
        command[1] = script().toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python checker timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return new ObjectMapper().readTree(text);
    }
}
