package dev.camrtc.sender.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test and benchmark helper: one HTTP/1.1 GET over a plain socket to loopback, with a strictly parsed
 * status line and headers; the body stream is de-chunked when the response is chunked.
 */
final class RawHttpClient implements AutoCloseable {

    final Socket socket;
    final int status;
    final Map<String, String> headers = new TreeMap<>();
    final InputStream body;

    private RawHttpClient(Socket socket, int status, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.body = body;
    }

    /** Sends the request; when {@code readResponse} is false, returns without reading anything. */
    static RawHttpClient get(int port, String pathAndQuery, String extraHeaders, boolean readResponse)
            throws IOException {
        return get(port, pathAndQuery, extraHeaders, readResponse, null);
    }

    /** As above, with the socket's SO_RCVBUF set before connecting when {@code receiveBuffer} is not null. */
    static RawHttpClient get(int port, String pathAndQuery, String extraHeaders, boolean readResponse,
                             Integer receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer != null) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(HttpLines.ascii("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n" + extraHeaders + "\r\n"));
        s.getOutputStream().flush();
        if (!readResponse) {
            return new RawHttpClient(s, 0, s.getInputStream());
        }
        InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
        String statusLine = HttpLines.readLine(in);
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("bad status line '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new TreeMap<>();
        for (String line = HttpLines.readLine(in); !line.isEmpty(); line = HttpLines.readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line '" + line + "'");
            }
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        RawHttpClient c = new RawHttpClient(s, status, chunked ? new ChunkedInputStream(in) : in);
        c.headers.putAll(headers);
        return c;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
