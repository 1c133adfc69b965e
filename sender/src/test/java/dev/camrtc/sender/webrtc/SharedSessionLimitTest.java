package dev.camrtc.sender.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.sender.e2e.SenderFixture;
import dev.camrtc.sender.e2e.TestReceiver;
import dev.camrtc.sender.whep.WhepHttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WHEP players and signaling receivers share {@code --max-sessions}: with one signaling session open, one WHEP
 * session fits and the next gets 503; with the slots taken by WHEP, a {@code request_offer} gets
 * {@code hangup} {@code reason: busy}; a DELETE frees a slot for either.
 */
@Tag("media")
class SharedSessionLimitTest {

    private static final Duration T = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void whepAndSignalingSessionsShareMaxSessions() throws Exception {
        int port = 26000 + ThreadLocalRandom.current().nextInt(1000);
        try (SenderFixture fixture = SenderFixture.start("--max-sessions", "2", "--mjpeg-port",
                Integer.toString(port), "--mjpeg-bind", "127.0.0.1")) {
            String whep = "http://127.0.0.1:" + port + "/whep";
            TestReceiver watcher = fixture.receiver();
            String sender = fixture.awaitSender(watcher).senderId();
            watcher.watch(sender, null).awaitFrames("color", 5, T);

            HttpResponse<String> first = post(whep, "aaaa");
            assertEquals(201, first.statusCode(), first.body());
            assertEquals(503, post(whep, "bbbb").statusCode(), "1 signaling + 1 WHEP = --max-sessions 2");

            try (RawReceiver raw = RawReceiver.connect(fixture.serverUri())) {
                raw.send(requestOffer(sender));
                JsonNode busy = raw.await("hangup", sender, T);
                assertEquals("busy", busy.path("reason").asText(), busy.toString());
            }

            URI location = URI.create(whep).resolve(first.headers().firstValue("Location").orElseThrow());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(location).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> again = post(whep, "cccc");
            assertEquals(201, again.statusCode(), "the DELETE freed a slot: " + again.body());
            assertEquals(2, fixture.sender().signaling().sessionCount() + fixture.sender().whep().size());
        }
    }

    /**
     * WHEP POSTs and {@code request_offer}s arriving together (each side checking the other's count, then adding)
     * must still open exactly {@code --max-sessions}: 2 of the 8 get a session (201 or an offer), the rest 503 or
     * {@code busy}. Several rounds, each against a fresh sender.
     */
    @Test
    void simultaneousWhepPostsAndRequestOffersNeverExceedMaxSessions() throws Exception {
        int contenders = 4;
        for (int round = 0; round < 4; round++) {
            int port = 26000 + ThreadLocalRandom.current().nextInt(500); // this test's fixed ports: 26000-26499
            try (SenderFixture fixture = SenderFixture.start("--max-sessions", "2", "--mjpeg-port",
                    Integer.toString(port), "--mjpeg-bind", "127.0.0.1")) {
                String whep = "http://127.0.0.1:" + port + "/whep";
                long deadline = System.nanoTime() + T.toNanos();
                while ((!fixture.sender().signaling().isConnected() || fixture.sender().signaling().senderId() == null)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the sender id is set just after the connection counts as connected
                }
                String sender = fixture.sender().signaling().senderId();
                assertTrue(sender != null, "the sender registered");
                List<RawReceiver> raws = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(2 * contenders);
                try {
                    for (int i = 0; i < contenders; i++) {
                        raws.add(RawReceiver.connect(fixture.serverUri()));
                    }
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> admitted = new ArrayList<>();
                    for (int i = 0; i < contenders; i++) {
                        String ufrag = "race" + i;
                        admitted.add(pool.submit(() -> {
                            go.await();
                            HttpResponse<String> r = post(whep, ufrag);
                            assertTrue(r.statusCode() == 201 || r.statusCode() == 503, r.statusCode() + " " + r.body());
                            return r.statusCode() == 201;
                        }));
                    }
                    for (RawReceiver raw : raws) {
                        admitted.add(pool.submit(() -> {
                            go.await();
                            raw.send(requestOffer(sender));
                            JsonNode m = raw.await(n -> Set.of("offer", "hangup", "error").contains(n.path("type").asText()),
                                    T);
                            assertTrue(!"error".equals(m.path("type").asText()), m.toString());
                            return "offer".equals(m.path("type").asText());
                        }));
                    }
                    go.countDown();
                    int open = 0;
                    for (Future<Boolean> f : admitted) {
                        open += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                    }
                    int counted = fixture.sender().signaling().sessionCount() + fixture.sender().whep().size();
                    assertEquals(2, open, "round " + round + ": sessions opened by " + 2 * contenders
                            + " simultaneous WHEP POSTs and request_offers with --max-sessions 2 (counted " + counted + ")");
                    assertEquals(2, counted, "round " + round + ": sessions the sender holds");
                } finally {
                    pool.shutdownNow();
                    raws.forEach(RawReceiver::close);
                }
            }
        }
    }

    private static HttpResponse<String> post(String url, String ufrag) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/sdp")
                .timeout(T).POST(HttpRequest.BodyPublishers.ofString(WhepHttpTest.offer(ufrag))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String requestOffer(String sender) {
        return "{\"type\":\"request_offer\",\"sender_id\":\"" + sender + "\"}";
    }
}
