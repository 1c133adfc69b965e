package dev.camrtc.ros.mjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultipartJpegReaderTest {

    private static byte[] body(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + p.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(p);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    @Test
    void readsEachPartByItsContentLengthEvenWhenItHoldsBoundaryText() throws IOException {
        byte[] a = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        byte[] b = "--frame\r\n\r\nnot a boundary".getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[400_000];
        Arrays.fill(big, (byte) 7);
        MultipartJpegReader r = new MultipartJpegReader(new ByteArrayInputStream(body(a, b, big)));
        for (byte[] expected : new byte[][] {a, b, big}) {
            assertTrue(r.next());
            assertEquals(expected.length, r.length());
            assertArrayEquals(expected, Arrays.copyOf(r.data(), r.length()));
        }
        assertFalse(r.next());
    }

    @Test
    void aTruncatedOrOversizedPartIsAnError() throws IOException {
        byte[] whole = body(new byte[100]);
        MultipartJpegReader cut = new MultipartJpegReader(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 50)));
        assertThrows(EOFException.class, cut::next);
        byte[] huge = ("--frame\r\nContent-Length: " + (MultipartJpegReader.MAX_PART + 1) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        IOException e = assertThrows(IOException.class, () -> new MultipartJpegReader(new ByteArrayInputStream(huge)).next());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }
}
