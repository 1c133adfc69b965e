package dev.camrtc.ros.mjpeg;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegDecoder;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.ros.frame.ReadyImage;
import dev.camrtc.ros.session.MediaFallback;
import dev.camrtc.ros.session.StreamOutput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a sender's MJPEG URLs (PROTOCOL.md 5, {@code <mjpeg_url><stream>.mjpg}) while WebRTC cannot connect,
 * decodes each part ({@link JpegDecoder}; bgr8, or mono8 for streams announced so) and hands it to the
 * same {@link StreamOutput} as WebRTC, stamped like WebRTC frames (frame stamp capture time, else receive
 * time). One reading thread per stream; the sender skips frames for a slow client, so nothing queues here.
 * A broken connection is re-opened after {@link #RECONNECT_MILLIS} while the fallback is active.
 *
 * <p>What the directory says is not trusted ({@link MjpegUrls}): a malformed {@code mjpeg_url} or stream name
 * starts no reader for that stream (logged) and never throws; the access token goes only to the signaling
 * server's host unless the user opted in; a JPEG whose frame header declares another size than the stream
 * announced (or, without an announced size, more than {@link #MAX_SIDE} pixels a side) is refused before
 * decoding ({@link JpegHeader}).
 */
public final class MjpegFallback implements MediaFallback {
    private static final Logger LOG = LoggerFactory.getLogger(MjpegFallback.class);
    static final long RECONNECT_MILLIS = 1000;
    static final int CONNECT_TIMEOUT_MILLIS = 3000;
    static final int READ_TIMEOUT_MILLIS = 5000;
    /** Largest width or height accepted from a stream that announced no size. */
    static final int MAX_SIDE = 4096;

    private final StreamOutput output;
    private final MjpegUrls urls;
    private final List<Reader> readers = new ArrayList<>();
    private String senderId;

    /**
     * @param token          access token of the sender's URLs, or null
     * @param signalingHost  the signaling server's host: the token is sent to MJPEG URLs on this host only...
     * @param tokenToAnyHost ...unless this is true (the user opted in)
     */
    public MjpegFallback(StreamOutput output, String token, String signalingHost, boolean tokenToAnyHost) {
        this.output = output;
        this.urls = new MjpegUrls(token, signalingHost, tokenToAnyHost);
    }

    @Override
    public synchronized void start(SenderInfo sender) {
        if (sender.mjpegUrl() == null || sender.streams() == null) {
            return;
        }
        if (!readers.isEmpty() && sender.senderId().equals(senderId)) {
            return;
        }
        stop();
        senderId = sender.senderId();
        boolean tokenWithheld = false;
        for (StreamDescription d : sender.streams()) {
            PixelFormat format = "mono8".equals(d.encoding()) ? PixelFormat.MONO8 : PixelFormat.BGR8;
            URI uri;
            try {
                uri = urls.streamUrl(sender.mjpegUrl(), d.name());
            } catch (IllegalArgumentException e) {
                LOG.warn("MJPEG fallback of sender {}: no reader for stream {}: {}", senderId,
                        MjpegUrls.shown(d.name()), e.getMessage());
                continue;
            }
            String shown = MjpegUrls.withoutToken(sender.mjpegUrl(), d.name()).toString();
            tokenWithheld |= urls.token() != null && !urls.sendsTokenTo(uri);
            Reader r = new Reader(d.name(), uri, shown, format, d.width(), d.height());
            readers.add(r);
            r.thread.start();
        }
        if (tokenWithheld) {
            LOG.warn("MJPEG fallback of sender {}: {} is not on the signaling server's host {}; the access token is "
                    + "not sent there (--mjpeg-token-any-host sends it)", senderId, MjpegUrls.shown(sender.mjpegUrl()),
                    urls.signalingHost());
        }
    }

    @Override
    public synchronized void stop() {
        if (readers.isEmpty()) {
            return;
        }
        for (Reader r : readers) {
            r.stop();
        }
        readers.clear();
        LOG.info("MJPEG fallback of sender {} stopped", senderId);
    }

    @Override
    public synchronized boolean active() {
        return !readers.isEmpty();
    }

    /** JPEGs refused so far of {@code stream} by the active readers (another size than announced). */
    public synchronized long refusedCount(String stream) {
        return readers.stream().filter(r -> r.stream.equals(stream)).mapToLong(r -> r.refused).sum();
    }

    /** Frames decoded so far of {@code stream} by the active readers. */
    public synchronized long decodedCount(String stream) {
        return readers.stream().filter(r -> r.stream.equals(stream)).mapToLong(r -> r.decoded).sum();
    }

    private final class Reader {
        final String stream;
        final URI uri;
        final String shown;
        final PixelFormat format;
        final Integer width; // announced, or null
        final Integer height;
        final Thread thread;
        volatile boolean running = true;
        volatile HttpURLConnection connection;
        volatile long decoded;
        volatile long refused;

        Reader(String stream, URI uri, String shown, PixelFormat format, Integer width, Integer height) {
            this.stream = stream;
            this.uri = uri;
            this.shown = shown;
            this.format = format;
            this.width = width;
            this.height = height;
            this.thread = new Thread(this::run, "mjpeg-" + stream);
            thread.setDaemon(true);
        }

        void stop() {
            running = false;
            HttpURLConnection c = connection;
            if (c != null) {
                c.disconnect();
            }
            thread.interrupt();
        }

        private void run() {
            String lastError = null;
            while (running) {
                try {
                    read();
                } catch (IOException | RuntimeException e) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (running && !error.equals(lastError)) {
                        LOG.warn("MJPEG fallback {}: {}; retrying every {} ms", shown, error, RECONNECT_MILLIS);
                    }
                    lastError = error;
                }
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void read() throws IOException {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            c.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection = c;
            try {
                int status = c.getResponseCode();
                if (status != 200) {
                    throw new IOException("HTTP " + status);
                }
                LOG.info("MJPEG fallback: reading {} from {}", stream, shown);
                try (InputStream in = new BufferedInputStream(c.getInputStream(), 64 * 1024)) {
                    MultipartJpegReader parts = new MultipartJpegReader(in);
                    long n = 0;
                    while (running && parts.next()) {
                        long now = System.currentTimeMillis();
                        String wrong = checkSize(parts.data(), parts.length());
                        if (wrong != null) {
                            if (refused++ == 0) {
                                LOG.warn("MJPEG fallback {}: JPEG refused: {}; further ones are counted only", shown, wrong);
                            }
                            continue;
                        }
                        CameraFrame f = JpegDecoder.decode(stream, parts.data(), parts.length(), format, ++n, now);
                        Optional<FrameStamp.Stamp> stamp = FrameStamp.decode(f);
                        if (stamp.isPresent()) {
                            f = new CameraFrame(stream, f.width(), f.height(), format, f.buffer(),
                                    stamp.get().counter(), stamp.get().captureTimeMillis());
                        }
                        decoded++;
                        output.deliver(new ReadyImage(f, Instant.ofEpochMilli(f.captureTimeMillis())));
                    }
                }
            } finally {
                c.disconnect();
            }
        }

        /** Null when the JPEG's declared size is the announced one, else why it is refused. */
        private String checkSize(byte[] jpeg, int length) {
            int[] wh;
            try {
                wh = JpegHeader.size(jpeg, length);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            if (width != null && height != null) {
                return wh[0] == width && wh[1] == height ? null
                        : "declares " + wh[0] + "x" + wh[1] + ", the stream is announced as " + width + "x" + height;
            }
            return wh[0] > 0 && wh[1] > 0 && wh[0] <= MAX_SIDE && wh[1] <= MAX_SIDE ? null
                    : "declares " + wh[0] + "x" + wh[1] + " (no size announced; at most " + MAX_SIDE + " a side)";
        }
    }
}
