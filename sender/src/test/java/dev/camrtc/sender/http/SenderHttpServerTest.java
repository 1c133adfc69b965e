package dev.camrtc.sender.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.hub.FrameHub;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MJPEG endpoints with real HTTP clients against the test pattern (framing, aliases, 404, /jpg, page). */
class SenderHttpServerTest {

    static TestPatternSource source;
    static FrameHub hub;
    static SenderHttpServer server;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        source = new TestPatternSource(TestPatternOptions.defaults("mjpeg-test"));
        hub = FrameHub.start("mjpeg-test", source);
        server = SenderHttpServer.start(HttpConfig.of("mjpeg-test", "127.0.0.1", 0, Optional.empty()), hub,
                hub.streams(), source.controls());
    }

    @AfterAll
    static void stop() {
        server.close();
        hub.close();
        source.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<InputStream> open(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    static HttpResponse<byte[]> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void streamsStrictMultipartJpegPartsCarryingTheFrameStamp() throws Exception {
        for (String path : List.of("/rgb.mjpg", "/stereo.mjpg")) {
            HttpResponse<InputStream> res = open(path);
            try (InputStream body = res.body()) {
                assertEquals(200, res.statusCode());
                assertEquals("multipart/x-mixed-replace; boundary=frame", res.headers().firstValue("content-type").orElseThrow());
                assertTrue(res.headers().firstValue("cache-control").orElseThrow().contains("no-cache"));
                MultipartReader parts = new MultipartReader(body, "frame");
                long lastCounter = -1;
                for (int i = 0; i < 5; i++) {
                    MultipartReader.Part part = parts.next();
                    assertEquals(Integer.toString(part.body().length), part.headers().get("content-length"));
                    BufferedImage img = Jpegs.decode(part.body());
                    assertEquals(640, img.getWidth());
                    assertEquals(480, img.getHeight());
                    assertEquals(path.startsWith("/rgb") ? 3 : 1, img.getRaster().getNumBands(), path);
                    FrameStamp.Stamp stamp = Jpegs.stamp(img).orElseThrow(() -> new AssertionError("no stamp in " + path));
                    assertTrue(stamp.counter() > lastCounter, "counter grows");
                    lastCounter = stamp.counter();
                    long age = System.currentTimeMillis() - stamp.captureTimeMillis();
                    assertTrue(age >= 0 && age < 5000, "capture time is now: " + age + " ms old");
                }
            }
        }
    }

    @Test
    void everyAliasServesItsStream() throws Exception {
        for (String path : List.of("/color.mjpg", "/stream", "/infrared.mjpg", "/rgb.mjpg", "/stereo.mjpg")) {
            HttpResponse<InputStream> res = open(path);
            try (InputStream body = res.body()) {
                assertEquals(200, res.statusCode(), path);
                BufferedImage img = Jpegs.decode(new MultipartReader(body, "frame").next().body());
                boolean color = path.equals("/color.mjpg") || path.equals("/stream") || path.equals("/rgb.mjpg");
                assertEquals(color ? 3 : 1, img.getRaster().getNumBands(), path);
            }
        }
    }

    @Test
    void jpgAnswersTheLatestFrameOfAStream() throws Exception {
        for (String path : List.of("/jpg", "/jpg?stream=color", "/jpg?stream=rgb", "/jpg?stream=stereo", "/jpg?stream=infrared")) {
            HttpResponse<byte[]> res = fetch(path);
            assertEquals(200, res.statusCode(), path);
            assertEquals("image/jpeg", res.headers().firstValue("content-type").orElseThrow());
            BufferedImage img = Jpegs.decode(res.body());
            assertEquals(640, img.getWidth());
            assertEquals(path.contains("stereo") || path.contains("infrared") ? 1 : 3, img.getRaster().getNumBands(), path);
            assertTrue(Jpegs.stamp(img).isPresent());
        }
    }

    @Test
    void unknownStreamsAre404WithTheKnownNames() throws Exception {
        for (String path : List.of("/jpg?stream=depth", "/depth.mjpg")) {
            HttpResponse<byte[]> res = fetch(path);
            assertEquals(404, res.statusCode(), path);
            assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
            JsonNode body = json.readTree(res.body());
            assertTrue(body.get("error").asText().contains("'depth'"), body.toString());
            assertEquals(json.readTree("[\"color\",\"infrared\",\"rgb\",\"stereo\"]"), body.get("streams"));
        }
        assertEquals(404, fetch("/favicon.ico").statusCode());
    }

    @Test
    void unwatchedStreamsAreNotCapturedAndALeavingClientIsCleanedUpAtOnce() throws Exception {
        waitFor(() -> server.clientCount() == 0 && source.demand().isEmpty(), "idle at start");
        long infraredBefore = server.framesEncoded("infrared");
        RawHttpClient client = RawHttpClient.get(server.port(), "/rgb.mjpg", "", true);
        MultipartReader parts = new MultipartReader(client.body, "frame");
        parts.next();
        parts.next();
        assertEquals(Set.of("color"), source.demand());
        assertEquals(1, server.clientCount());
        client.close();
        long t0 = System.nanoTime();
        waitFor(() -> server.clientCount() == 0, "client removed");
        waitFor(() -> source.demand().isEmpty() && hub.subscriberCount("color") == 0, "color unsubscribed");
        assertTrue((System.nanoTime() - t0) / 1e6 < 2000, "cleaned up at the next frame, well within 2 s");
        assertEquals(infraredBefore, server.framesEncoded("infrared"), "nothing encoded for an unwatched stream");
    }

    @Test
    void pageHasTheRgbStereoToggle() throws Exception {
        HttpResponse<byte[]> res = fetch("/");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        String html = new String(res.body());
        assertTrue(html.contains(">RGB</button>") && html.contains(">Stereo</button>") && html.contains("rgb.mjpg")
                && html.contains("'stereo'") && html.contains("mjpeg-test"), html);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
