package dev.camrtc.sender.http.mjpeg;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image endpoints: {@code /<stream>.mjpg} (and its aliases), a {@code multipart/x-mixed-replace;
 * boundary=frame} stream served on the request's own Jetty thread until the client goes away, and
 * {@code /jpg?stream=} (one JPEG).
 *
 * <p>Each part is {@code --frame CRLF Content-Type: image/jpeg CRLF Content-Length: n CRLF CRLF <jpeg> CRLF}.
 * A disconnected client is noticed at the next write (at most one frame period, or {@link #KEEPALIVE} when
 * the camera delivers nothing: the last frame is then sent again); a client that accepts no bytes for the
 * write timeout is dropped by Jetty. Either way its thread and slot are released at once. The socket's
 * kernel send buffer is kept at about two frames ({@link SendBuffer}), so a client that stalls and resumes
 * is live again after those.
 */
public final class StreamEndpoints {

    public static final String BOUNDARY = "frame";
    public static final String CONTENT_TYPE = "multipart/x-mixed-replace; boundary=" + BOUNDARY;
    /** With no new frame for this long, the last one is sent again (keeps proxies open, finds dead clients). */
    public static final Duration KEEPALIVE = Duration.ofSeconds(2);
    /** Smallest kernel send buffer (SO_SNDBUF) given to a streaming client's socket. */
    public static final int MIN_SEND_BUFFER_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoints.class);
    private static final byte[] CRLF = {'\r', '\n'};

    private final String senderName;
    private final MjpegStreams streams;
    private final int maxClients;
    private final Duration snapshotTimeout;
    private final AtomicInteger streaming = new AtomicInteger();
    private final LongAdder skipped = new LongAdder();

    public StreamEndpoints(String senderName, MjpegStreams streams, int maxClients, Duration snapshotTimeout) {
        this.senderName = senderName;
        this.streams = streams;
        this.maxClients = maxClients;
        this.snapshotTimeout = snapshotTimeout;
    }

    /** Streaming clients now (all streams). */
    public int streamingClients() {
        return streaming.get();
    }

    /** Frames skipped (replaced before the client could take them) by clients that have left. */
    public long skippedFrames() {
        return skipped.sum();
    }

    /** Serves {@code name} (a stream or alias) as MJPEG until the client disconnects. */
    public void stream(Context ctx, String name) {
        Optional<MjpegBroadcaster> found = streams.find(name);
        if (found.isEmpty()) {
            unknownStream(ctx, name);
            return;
        }
        if (streaming.incrementAndGet() > maxClients) {
            streaming.decrementAndGet();
            ctx.status(503).json(Map.of("error", "too many MJPEG clients (limit " + maxClients + ")"));
            return;
        }
        MjpegBroadcaster broadcaster = found.get();
        String peer = ctx.req().getRemoteAddr() + ":" + ctx.req().getRemotePort();
        HttpServletResponse res = ctx.res();
        MjpegClient client = null;
        long sent = 0;
        String end = "server stopped";
        try {
            res.setStatus(200);
            res.setContentType(CONTENT_TYPE);
            res.setHeader("Cache-Control", "no-cache, no-store, must-revalidate");
            res.setHeader("Pragma", "no-cache");
            ServletOutputStream out = res.getOutputStream();
            SendBuffer sendBuffer = SendBuffer.of(ctx);
            res.flushBuffer();
            client = broadcaster.join(false);
            LOG.info("sender {}: MJPEG client {} joined {} ({} streaming)", senderName, peer,
                    broadcaster.stream(), streaming.get());
            JpegFrame last = null;
            while (!Thread.currentThread().isInterrupted()) {
                JpegFrame f = client.take(KEEPALIVE.toNanos());
                if (f == null) {
                    f = last;
                    if (f == null) {
                        continue;
                    }
                }
                sendBuffer.fit(f.jpeg().length);
                writePart(out, f.jpeg());
                broadcaster.sent();
                last = f;
                sent++;
            }
        } catch (IOException e) {
            end = "disconnected (" + e.getClass().getSimpleName() + ")";
        } finally {
            if (client != null) {
                broadcaster.leave(client);
                skipped.add(client.skipped());
                LOG.info("sender {}: MJPEG client {} left {} after {} frames, {} skipped: {}", senderName, peer,
                        broadcaster.stream(), sent, client.skipped(), end);
            }
            streaming.decrementAndGet();
        }
    }

    /** {@code /jpg?stream=color}: the latest frame of a stream as one {@code image/jpeg}. */
    public void snapshot(Context ctx) {
        String name = Optional.ofNullable(ctx.queryParam("stream")).orElse(MjpegStreams.COLOR);
        Optional<MjpegBroadcaster> found = streams.find(name);
        if (found.isEmpty()) {
            unknownStream(ctx, name);
            return;
        }
        MjpegBroadcaster broadcaster = found.get();
        MjpegClient client = broadcaster.join(true);
        JpegFrame f;
        try {
            f = client.take(snapshotTimeout.toNanos());
        } finally {
            broadcaster.leave(client);
        }
        if (f == null) {
            ctx.status(503).json(Map.of("error", "no frame from stream " + broadcaster.stream() + " within "
                    + snapshotTimeout.toMillis() + " ms"));
            return;
        }
        ctx.header("Cache-Control", "no-cache, no-store, must-revalidate");
        ctx.contentType("image/jpeg").result(f.jpeg());
        broadcaster.sent();
    }

    private void unknownStream(Context ctx, String name) {
        ctx.status(404).json(Map.of("error", "unknown stream '" + name + "'", "streams", streams.known()));
    }

    private static void writePart(ServletOutputStream out, byte[] jpeg) throws IOException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        out.write(jpeg);
        out.write(CRLF);
        out.flush();
    }
}
