package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.server.SignalingServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real test-pattern sender (with a token) scraped over HTTP: frame counters against what a real
 * WebRTC receiver got, per-session series that come and go with the receiver, MJPEG counters, the token on
 * {@code /metrics} and none on {@code /healthz}, and {@code /healthz} turning 503 when the camera stops.
 */
@Tag("media")
class SenderMetricsTest {

    private static final Duration T = Duration.ofSeconds(20);
    private static final String TOKEN = "metrics-token";
    private static final String NAME = "metrics-cam";
    private static SignalingServer server;
    private static StoppableSource source;
    private static RunningSender sender;
    private static int port;
    private static RtcEngine engine;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = SenderFixture.startServer(0);
        engine = new RtcEngine();
        port = freePort();
        source = new StoppableSource(new TestPatternSource(TestPatternOptions.defaults(NAME)));
        sender = RunningSender.start(SenderConfig.parse("--server", "ws://127.0.0.1:" + server.port(), "--name", NAME,
                "--token", TOKEN, "--mjpeg-port", String.valueOf(port), "--mjpeg-bind", "127.0.0.1"), source);
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
        engine.close();
        server.close();
    }

    @Test
    void framesAndSessionSeriesFollowAReceiver() throws Exception {
        Scrape before = scrape();
        assertEquals(0, before.get("camrtc_sender_sessions"));
        assertFalse(before.mentions("camrtc_sender_session_round_trip_time_seconds{"), before.toString());
        try (TestReceiver r = TestReceiver.connect(URI.create("ws://127.0.0.1:" + server.port()), null, engine)) {
            SenderInfo cam = r.awaitSender(NAME, Duration.ofSeconds(10));
            TestReceiver.Watch w = r.watch(cam.senderId(), List.of("color"));
            w.awaitFrames("color", 30, T);
            String sid = w.sessionId();
            // The poller reads the stats every 5 s: wait for two changes of the WebRTC sent counter, noting the
            // receiver's count just before and just after each scrape, so the poll lies between the two.
            double sent = 0;
            long receivedBefore = 0;
            long receivedAfter = 0;
            int changes = 0;
            long deadline = System.nanoTime() + T.toNanos();
            while (changes < 2 && System.nanoTime() < deadline) {
                long rBefore = w.report("color").frames();
                Scrape s = scrape();
                long rAfter = w.report("color").frames();
                double now = s.value("camrtc_sender_frames_sent_total", "stream", "color", "transport", "webrtc").orElse(0);
                if (now != sent) {
                    changes++;
                    sent = now;
                    receivedAfter = rAfter;
                } else {
                    receivedBefore = rBefore;
                }
                Thread.sleep(200);
            }
            assertEquals(2, changes, "the WebRTC frame counter moved twice within " + T);
            long tolerance = Math.max(15, receivedAfter / 10);
            assertTrue(sent >= receivedBefore - tolerance && sent <= receivedAfter + tolerance,
                    "sender counted " + sent + " frames sent; the receiver had " + receivedBefore + " before and "
                            + receivedAfter + " after that poll");
            Scrape s = scrape();
            assertTrue(s.get("camrtc_sender_frames_captured_total", "stream", "color") >= sent);
            assertTrue(s.get("camrtc_sender_frames_encoded_total", "stream", "color", "transport", "webrtc") >= sent);
            assertTrue(s.get("camrtc_sender_encode_seconds_total", "stream", "color", "transport", "webrtc") > 0);
            assertEquals(1, s.get("camrtc_sender_sessions"));
            assertTrue(s.get("camrtc_sender_session_round_trip_time_seconds", "session", sid, "receiver", r.receiverId()) >= 0,
                    s.toString());
            assertTrue(s.get("camrtc_sender_session_send_bitrate_bits_per_second", "session", sid, "stream", "color") > 10_000,
                    s.toString());
            assertTrue(s.get("camrtc_sender_session_sent_bytes_total", "session", sid, "stream", "color") > 0);
            assertTrue(s.value("camrtc_sender_session_packets_lost_total", "session", sid, "stream", "color").isPresent());
            assertTrue(s.value("camrtc_sender_session_jitter_seconds", "session", sid, "stream", "color").isPresent());
            assertTrue(s.value("camrtc_sender_session_packet_loss_ratio", "session", sid, "stream", "color").isPresent());

            r.hangup(cam.senderId());
            Scrape after = scrape();
            long end = System.nanoTime() + T.toNanos();
            while (after.mentions("session=\"" + sid + "\"") && System.nanoTime() < end) {
                Thread.sleep(250);
                after = scrape();
            }
            assertFalse(after.mentions("session=\"" + sid + "\""), "the ended session's series are gone:\n" + after);
            assertEquals(0, after.get("camrtc_sender_sessions"));
            assertTrue(after.get("camrtc_sender_frames_sent_total", "stream", "color", "transport", "webrtc") >= sent,
                    "the totals keep what the ended session sent");
        }
    }

    @Test
    void mjpegCountersAndTheToken() throws Exception {
        HttpResponse<byte[]> jpg = HTTP.send(HttpRequest.newBuilder(url("/jpg?token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, jpg.statusCode());
        Scrape s = scrape();
        assertTrue(s.get("camrtc_sender_frames_sent_total", "stream", "color", "transport", "mjpeg") >= 1);
        assertTrue(s.get("camrtc_sender_frames_encoded_total", "stream", "color", "transport", "mjpeg") >= 1);
        assertTrue(s.get("camrtc_sender_encode_seconds_total", "stream", "color", "transport", "mjpeg") > 0);
        assertTrue(s.value("camrtc_sender_mjpeg_clients").isPresent());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(url("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "/metrics needs the token");
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(url("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "/healthz needs none");
    }

    @Test
    void healthzTurns503WhenTheCameraStopsDelivering() throws Exception {
        HttpResponse<String> idle = health();
        assertEquals(200, idle.statusCode(), idle.body());
        // an MJPEG viewer makes the camera capture
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(url("/rgb.mjpg?token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = stream.body()) {
            assertEquals(200, stream.statusCode());
            body.readNBytes(1000);
            HttpResponse<String> ok = health();
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().startsWith("ok: camera delivering"), ok.body());
            assertEquals(1, scrape().get("camrtc_sender_up"));
            source.stop();
            try {
                HttpResponse<String> h = awaitHealth(503);
                assertEquals(503, h.statusCode(), h.body());
                assertTrue(h.body().startsWith("no frame from the camera for "), h.body());
                assertEquals(1, h.body().strip().lines().count(), "one line: " + h.body());
                assertEquals(0, scrape().get("camrtc_sender_up"));
            } finally {
                source.resume();
            }
            HttpResponse<String> back = awaitHealth(200);
            assertEquals(200, back.statusCode(), back.body());
        }
    }

    private static HttpResponse<String> awaitHealth(int status) throws Exception {
        HttpResponse<String> h = health();
        long deadline = System.nanoTime() + T.toNanos();
        while (h.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            h = health();
        }
        return h;
    }

    private static HttpResponse<String> health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape scrape() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(url("/metrics"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return new Scrape(res.body());
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A free port of this session's range 24000-24999. */
    static int freePort() throws IOException {
        int first = 24000 + ThreadLocalRandom.current().nextInt(1000);
        for (int i = 0; i < 1000; i++) {
            int p = 24000 + (first - 24000 + i) % 1000;
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                return p;
            } catch (IOException busy) {
                // next one
            }
        }
        throw new IOException("no free port in 24000-24999");
    }
}
