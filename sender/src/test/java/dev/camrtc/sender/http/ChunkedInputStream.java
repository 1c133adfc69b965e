package dev.camrtc.sender.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Test helper: decodes an HTTP/1.1 chunked body (RFC 9112 7.1), strictly (CRLF line ends). */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String size = HttpLines.readLine(in);
            int semi = size.indexOf(';');
            left = Long.parseLong(semi < 0 ? size : size.substring(0, semi), 16);
            if (left == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        left -= n;
        if (left == 0 && !HttpLines.readLine(in).isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
        return n;
    }
}
