package dev.camrtc.ros.mjpeg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads the JPEG parts of a {@code multipart/x-mixed-replace} body (PROTOCOL.md 5: each part has
 * {@code Content-Type: image/jpeg} and {@code Content-Length}). One part at a time, into a reused buffer.
 */
final class MultipartJpegReader {
    /** Largest part accepted (a 4K JPEG at high quality stays well below). */
    static final int MAX_PART = 16 * 1024 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[256 * 1024];
    private int length;

    MultipartJpegReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next part; returns false at the end of the body. Its bytes are {@link #data()}[0..{@link #length()}). */
    boolean next() throws IOException {
        int contentLength = -1;
        boolean inHeaders = false;
        while (true) {
            String line = readLine();
            if (line == null) {
                return false;
            }
            if (line.startsWith("--")) {
                inHeaders = true;
                contentLength = -1;
                continue;
            }
            if (!inHeaders) {
                continue;
            }
            if (line.isEmpty()) {
                if (contentLength >= 0) {
                    break;
                }
                continue; // blank line before the boundary
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    contentLength = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length '" + line + "'");
                }
                if (contentLength < 0 || contentLength > MAX_PART) {
                    throw new IOException("part of " + contentLength + " bytes refused (max " + MAX_PART + ")");
                }
            }
        }
        if (buffer.length < contentLength) {
            buffer = new byte[contentLength];
        }
        int read = in.readNBytes(buffer, 0, contentLength);
        if (read < contentLength) {
            throw new EOFException("part ended after " + read + " of " + contentLength + " bytes");
        }
        length = contentLength;
        return true;
    }

    byte[] data() {
        return buffer;
    }

    int length() {
        return length;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() > 1024) {
                throw new IOException("multipart header line longer than 1024 bytes");
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
