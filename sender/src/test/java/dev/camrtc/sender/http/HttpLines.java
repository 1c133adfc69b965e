package dev.camrtc.sender.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: reads CRLF-terminated ASCII lines; a bare LF or CR is an error. */
final class HttpLines {

    private HttpLines() {
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in a line after '" + sb + "'");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR not followed by LF after '" + sb + "'");
                }
                return sb.toString();
            }
            if (c == '\n') {
                throw new IOException("bare LF after '" + sb + "'");
            }
            if (sb.length() > 8192) {
                throw new IOException("line too long");
            }
            sb.append((char) c);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
