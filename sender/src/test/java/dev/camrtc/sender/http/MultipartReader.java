package dev.camrtc.sender.http;

import dev.camrtc.sender.http.mjpeg.StreamEndpoints;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helper: a strict reader of {@code multipart/x-mixed-replace} MJPEG parts as PROTOCOL.md section 5
 * and StreamEndpoints write them: {@code --boundary CRLF}, header lines, an empty line, exactly
 * {@code Content-Length} bytes, CRLF. Anything else is an IOException.
 */
final class MultipartReader {

    /** One part: headers by lower-case name, and the body. */
    record Part(Map<String, String> headers, byte[] body) {
    }

    private final InputStream in;
    private final String delimiter;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = "--" + boundary;
    }

    Part next() throws IOException {
        return read(false);
    }

    /** Reads and checks the next part like {@link #next()} but skips its body; returns the body size. */
    int skip() throws IOException {
        return Integer.parseInt(read(true).headers().get("content-length"));
    }

    private Part read(boolean skipBody) throws IOException {
        String first = HttpLines.readLine(in);
        if (!first.equals(delimiter)) {
            throw new IOException("expected '" + delimiter + "', got '" + first + "'");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = HttpLines.readLine(in); !line.isEmpty(); line = HttpLines.readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad part header '" + line + "'");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (!"image/jpeg".equals(headers.get("content-type"))) {
            throw new IOException("part Content-Type is " + headers.get("content-type"));
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("part without Content-Length: " + headers);
        }
        int n = Integer.parseInt(length);
        byte[] body;
        if (skipBody) {
            in.skipNBytes(n);
            body = new byte[0];
        } else {
            body = in.readNBytes(n);
            if (body.length != n) {
                throw new EOFException("part cut after " + body.length + " of " + n + " bytes");
            }
        }
        if (!HttpLines.readLine(in).isEmpty()) {
            throw new IOException("part body not followed by CRLF");
        }
        return new Part(headers, body);
    }
}
