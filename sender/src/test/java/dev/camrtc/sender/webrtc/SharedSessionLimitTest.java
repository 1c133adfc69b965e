package dev.camrtc.sender.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.sender.e2e.SenderFixture;
import dev.camrtc.sender.e2e.TestReceiver;
import dev.camrtc.sender.whep.WhepHttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
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

    private static HttpResponse<String> post(String url, String ufrag) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/sdp")
                .timeout(T).POST(HttpRequest.BodyPublishers.ofString(WhepHttpTest.offer(ufrag))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String requestOffer(String sender) {
        return "{\"type\":\"request_offer\",\"sender_id\":\"" + sender + "\"}";
    }
}
