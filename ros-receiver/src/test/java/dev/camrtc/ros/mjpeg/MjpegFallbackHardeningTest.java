package dev.camrtc.ros.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegEncoder;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.ros.frame.ReceivedImage;
import dev.camrtc.ros.session.StreamOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MJPEG fallback against a hostile or careless sender's HTTP server (a real one, on loopback): JPEGs of
 * another size than announced are refused before decoding, the token goes only to the signaling server's host
 * unless opted in, and malformed URLs or stream names start no reader and throw nothing.
 */
class MjpegFallbackHardeningTest {
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile byte[] jpeg;
    private final List<ReceivedImage> delivered = new CopyOnWriteArrayList<>();
    private final StreamOutput output = new StreamOutput() {
        @Override
        public void announce(String label, List<StreamDescription> streams) {
        }

        @Override
        public void deliver(ReceivedImage image) {
            delivered.add(image);
            image.release();
        }

        @Override
        public void deliverDepth(dev.camrtc.media.rtc.ReceivedDepthFrame frame) {
            throw new AssertionError("the MJPEG fallback has no depth");
        }
    };

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 5; i++) {
                    byte[] j = jpeg;
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + j.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(j);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the fallback stopped reading
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static byte[] jpegOf(int w, int h) {
        try (JpegEncoder e = new JpegEncoder(80)) {
            return e.encode(new CameraFrame("color", w, h, PixelFormat.BGR8, ByteBuffer.allocate(w * h * 3), 0, 0));
        }
    }

    private static SenderInfo sender(String url, String stream) {
        return new SenderInfo("s-1", "cam", List.of(new StreamDescription(stream, 640, 480, 30, "bgr8", null)), url);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void aJpegOfAnotherSizeThanAnnouncedIsRefusedBeforeDecoding() throws Exception {
        jpeg = jpegOf(320, 240);
        MjpegFallback fallback = new MjpegFallback(output, null, "127.0.0.1", false);
        try {
            fallback.start(sender(url(), "color"));
            awaitTrue(() -> fallback.refusedCount("color") >= 5);
            assertEquals(5, fallback.refusedCount("color"), "320x240 JPEGs on a stream announced 640x480");
            assertEquals(0, fallback.decodedCount("color"));
            assertEquals(List.of(), delivered);
        } finally {
            fallback.stop();
        }
        jpeg = jpegOf(640, 480);
        MjpegFallback good = new MjpegFallback(output, null, "127.0.0.1", false);
        try {
            good.start(sender(url(), "color"));
            awaitTrue(() -> good.decodedCount("color") >= 5);
            assertEquals(0, good.refusedCount("color"));
            assertTrue(delivered.size() >= 5, "the announced size is published");
        } finally {
            good.stop();
        }
    }

    @Test
    void theTokenGoesOnlyToTheSignalingServersHostUnlessOptedIn() throws Exception {
        jpeg = jpegOf(640, 480);
        String[][] cases = {
            {"localhost", "false", "null"},                   // the MJPEG URL names 127.0.0.1: another host
            {"127.0.0.1", "false", "token=s%3Dcret"},         // the signaling server's host
            {"signaling.example.org", "true", "token=s%3Dcret"}, // the user opted in
        };
        for (String[] c : cases) {
            queries.clear();
            MjpegFallback fallback = new MjpegFallback(output, "s=cret", c[0], Boolean.parseBoolean(c[1]));
            try {
                fallback.start(sender(url(), "color"));
                awaitTrue(() -> !queries.isEmpty());
                assertEquals(c[2], queries.get(0), "signaling host " + c[0] + ", any host " + c[1]);
            } finally {
                fallback.stop();
            }
        }
    }

    @Test
    void malformedUrlsAndStreamNamesStartNoReaderAndThrowNothing() {
        MjpegFallback fallback = new MjpegFallback(output, "t", "127.0.0.1", false);
        for (String bad : new String[] {"http://[bad/", "ftp://127.0.0.1/", "/relative/", "http:///nohost",
                "http://127.0.0.1/?q=1", "not a url at all"}) {
            fallback.start(sender(bad, "color"));
            assertFalse(fallback.active(), bad);
        }
        for (String badStream : new String[] {"a b", "../etc", "..", "x?token=", "x/y", ""}) {
            fallback.start(sender(url(), badStream));
            assertFalse(fallback.active(), badStream);
        }
        assertEquals(URI.create("http://h:1/base/color.mjpg"), MjpegUrls.withoutToken("http://h:1/base", "color"));
        assertEquals(URI.create("https://h/color.mjpg"), MjpegUrls.withoutToken("https://h", "color"));
        assertThrows(IllegalArgumentException.class, () -> MjpegUrls.withoutToken(null, "color"));
    }

    @Test
    void jpegHeaderSizeIsReadFromTheFrameHeader() {
        byte[] j = jpegOf(640, 480);
        int[] wh = JpegHeader.size(j, j.length);
        assertEquals(640, wh[0]);
        assertEquals(480, wh[1]);
        byte[] mono;
        try (JpegEncoder e = new JpegEncoder(50)) {
            mono = e.encode(new CameraFrame("ir", 48, 30, PixelFormat.MONO8, ByteBuffer.allocate(48 * 30), 0, 0));
        }
        assertEquals(48, JpegHeader.size(mono, mono.length)[0]);
        assertEquals(30, JpegHeader.size(mono, mono.length)[1]);
        assertThrows(IllegalArgumentException.class, () -> JpegHeader.size(new byte[] {1, 2, 3, 4}, 4));
        assertThrows(IllegalArgumentException.class, () -> JpegHeader.size(j, 40), "cut before the SOF");
        byte[] noSof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, (byte) 0xFF, (byte) 0xD9};
        assertThrows(IllegalArgumentException.class, () -> JpegHeader.size(noSof, noSof.length));
        byte[] overrun = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, (byte) 0x7F, (byte) 0xFF, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> JpegHeader.size(overrun, overrun.length));
    }
}
