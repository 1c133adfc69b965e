package dev.camrtc.sender.whep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.e2e.SenderFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WHEP (PROTOCOL.md 5) through a plain HTTP client against a real sender: status codes and headers of POST,
 * PATCH, DELETE, the token, CORS for {@code --allowed-origin}, and {@code --max-sessions}. The offer is a
 * browser-shaped recvonly offer (video + audio). Media flows in the aiortc and browser tests (system-tests).
 */
@Tag("media")
public class WhepHttpTest {

    static final String TOKEN = "whep-secret";
    static final String PLAYER = "http://player.test:8080";

    static SenderFixture fixture;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        int port = 26000 + ThreadLocalRandom.current().nextInt(1000);
        fixture = SenderFixture.start("--mjpeg-port", Integer.toString(port), "--mjpeg-bind", "127.0.0.1",
                "--token", TOKEN, "--allowed-origin", PLAYER, "--max-sessions", "2");
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    public static String offer(String ufrag) {
        return String.join("\r\n",
                "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
                "a=extmap-allow-mixed", "a=msid-semantic: WMS",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + ufrag, "a=ice-pwd:asd88fgpdd777uzjYhagZg0000", "a=ice-options:trickle",
                "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
                "a=setup:actpass", "a=mid:0", "a=recvonly", "a=rtcp-mux", "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 goog-remb",
                "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + ufrag, "a=ice-pwd:asd88fgpdd777uzjYhagZg0000", "a=ice-options:trickle",
                "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
                "a=setup:actpass", "a=mid:1", "a=recvonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "") ;
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> patch(String location, String contentType, String ifMatch, String body) throws Exception {
        HttpRequest.Builder b = request(location).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType).method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    static HttpResponse<String> delete(String location) throws Exception {
        return send(request(location).header("Authorization", "Bearer " + TOKEN).DELETE());
    }

    @Test
    void sessionLifecycleAndErrors() throws Exception {
        HttpResponse<String> noToken = send(request("/whep").header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer("aaaa"))));
        assertEquals(401, noToken.statusCode(), noToken.body());
        assertEquals(415, post("/whep", "text/plain", offer("aaaa")).statusCode());
        HttpResponse<String> bad = post("/whep", "application/sdp", "hello");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("not an SDP offer"), bad.body());
        assertEquals(400, post("/whep", "application/sdp", offer("aaaa").replace("a=recvonly\r\na=rtcp-mux\r\na=rtcp-rsize", "a=sendonly\r\na=rtcp-mux\r\na=rtcp-rsize")).statusCode());
        assertEquals(400, post("/whep", "application/sdp", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video x\r\n").statusCode());
        HttpResponse<String> refused = post("/whep", "application/sdp", offer("aaaa")
                .replace("a=rtcp-rsize\r\n", "a=rtcp-rsize\r\na=extmap:2 urn:ietf:params:rtp-hdrext:sdes:mid\r\n")
                .replace("a=rtpmap:111", "a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=rtpmap:111"));
        assertEquals(400, refused.statusCode(), "an offer libwebrtc refuses is a bad offer: " + refused.body());
        HttpResponse<String> unknown = post("/whep?streams=nope", "application/sdp", offer("aaaa"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("color"), unknown.body());

        HttpResponse<String> created = post("/whep", "application/sdp", offer("aaaa"));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(location.matches("/whep/[0-9a-f]{32}"), location);
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertTrue(created.headers().firstValue("Content-Type").orElseThrow().startsWith("application/sdp"));
        String answer = created.body();
        assertTrue(answer.startsWith("v=0"), answer);
        assertTrue(answer.contains("a=sendonly"), answer);
        assertTrue(answer.contains("a=msid:color "), "the first video m-line carries color: " + answer);
        assertTrue(answer.matches("(?s).*m=audio \\d+ .*a=inactive.*"), "audio answered inactive: " + answer);

        String frag = "a=ice-ufrag:aaaa\r\na=ice-pwd:asd88fgpdd777uzjYhagZg0000\r\nm=video 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 198.18.0.77 50000 typ host\r\na=end-of-candidates\r\n";
        assertEquals(404, patch("/whep/0123456789abcdef0123456789abcdef", "application/trickle-ice-sdpfrag", etag, frag).statusCode());
        assertEquals(415, patch(location, "application/sdp", etag, frag).statusCode());
        assertEquals(412, patch(location, "application/trickle-ice-sdpfrag", "\"other\"", frag).statusCode());
        assertEquals(422, patch(location, "application/trickle-ice-sdpfrag", etag, frag.replace("ufrag:aaaa", "ufrag:bbbb")).statusCode());
        assertEquals(204, patch(location, "application/trickle-ice-sdpfrag", etag, frag).statusCode());
        assertEquals(204, patch(location, "application/trickle-ice-sdpfrag", null, frag).statusCode());

        // --max-sessions 2: one more fits, the third is refused
        HttpResponse<String> second = post("/whep?streams=infrared", "application/sdp", offer("cccc"));
        assertEquals(201, second.statusCode(), second.body());
        assertTrue(second.body().contains("a=msid:infrared "), second.body());
        HttpResponse<String> third = post("/whep", "application/sdp", offer("dddd"));
        assertEquals(503, third.statusCode(), third.body());
        assertTrue(third.headers().firstValue("Retry-After").isPresent());
        assertTrue(third.body().contains("--max-sessions"), third.body());

        assertEquals(200, delete(location).statusCode());
        assertEquals(404, delete(location).statusCode());
        assertEquals(404, patch(location, "application/trickle-ice-sdpfrag", etag, frag).statusCode());
        HttpResponse<String> again = post("/whep", "application/sdp", offer("eeee"));
        assertEquals(201, again.statusCode(), "a deleted session frees its place: " + again.body());
        assertEquals(200, delete(again.headers().firstValue("Location").orElseThrow()).statusCode());
        assertEquals(200, delete(second.headers().firstValue("Location").orElseThrow()).statusCode());
    }

    @Test
    void candidateFloodEndsTheSession() throws Exception {
        HttpResponse<String> created = post("/whep", "application/sdp", offer("ffff"));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        StringBuilder frag = new StringBuilder("m=video 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n");
        for (int i = 0; i < 150; i++) {
            frag.append("a=candidate:").append(i).append(" 1 udp 2122260223 198.18.1.").append(i % 250)
                    .append(" 50000 typ host\r\n");
        }
        HttpResponse<String> flood = patch(location, "application/trickle-ice-sdpfrag", null, frag.toString());
        assertEquals(400, flood.statusCode(), flood.body());
        assertTrue(flood.body().contains("too many candidates"), flood.body());
        assertEquals(404, delete(location).statusCode(), "the session was ended");
        HttpResponse<String> huge = post("/whep", "application/sdp", "v=0\r\n" + "a=x\r\n".repeat(20_000));
        assertEquals(413, huge.statusCode());
    }

    @Test
    void corsForAllowedOriginsOnly() throws Exception {
        HttpResponse<String> preflight = send(request("/whep").header("Origin", PLAYER)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(PLAYER, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String methods = preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow();
        assertTrue(methods.contains("POST") && methods.contains("PATCH") && methods.contains("DELETE"), methods);
        String headers = preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase();
        assertTrue(headers.contains("authorization") && headers.contains("content-type"), headers);
        assertTrue(preflight.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("Location"));

        HttpResponse<String> foreignPreflight = send(request("/whep").header("Origin", "http://evil.test")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, foreignPreflight.statusCode());
        assertTrue(foreignPreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        HttpResponse<String> foreign = send(request("/whep").header("Origin", "http://evil.test")
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer("gggg"))));
        assertEquals(403, foreign.statusCode(), foreign.body());
        HttpResponse<String> foreignSet = send(request("/set?gain=10").header("Origin", "http://evil.test")
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertEquals(403, foreignSet.statusCode(), foreignSet.body());

        HttpResponse<String> allowed = send(request("/whep").header("Origin", PLAYER)
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer("hhhh"))));
        assertEquals(201, allowed.statusCode(), allowed.body());
        assertEquals(PLAYER, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("Location"));
        String location = allowed.headers().firstValue("Location").orElseThrow();
        assertNotNull(location);
        HttpResponse<String> noTokenFromPlayer = send(request(location).header("Origin", PLAYER).DELETE());
        assertEquals(401, noTokenFromPlayer.statusCode());
        assertEquals(PLAYER, noTokenFromPlayer.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "a player can read the 401");
        assertEquals(200, delete(location).statusCode());
    }
}
