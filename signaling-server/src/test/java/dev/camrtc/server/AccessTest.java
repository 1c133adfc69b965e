package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.testing.RawWebSocket;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access token, the sender name check and the connection cap, all refused before upgrade (PROTOCOL.md 1, 4). */
class AccessTest {

    private static final String TOKEN = "s3cret-Token";
    private ServerFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    private int upgrade(String pathAndQuery, Map<String, String> headers) throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), pathAndQuery, headers)) {
            if (raw.status() == 101) {
                RawWebSocket.Frame registered = raw.readText(5_000);
                assertTrue(registered != null && registered.text().contains("\"registered\""));
            }
            return raw.status();
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.port() + pathAndQuery));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenIsCheckedBeforeUpgradeFromQueryOrBearerHeader() throws Exception {
        fx = ServerFixture.start(b -> b.token(TOKEN));
        for (String path : new String[] {"/ws/sender", "/ws/receiver"}) {
            assertEquals(401, upgrade(path, Map.of()));
            assertEquals(401, upgrade(path + "?token=wrong", Map.of()));
            assertEquals(401, upgrade(path, Map.of("Authorization", "Bearer wrong")));
            assertEquals(401, upgrade(path, Map.of("Authorization", "Basic " + TOKEN)));
            assertEquals(101, upgrade(path + "?token=" + TOKEN, Map.of()));
            assertEquals(101, upgrade(path, Map.of("Authorization", "Bearer " + TOKEN)));
        }
        fx.awaitNoState();
        try (WsClient ws = WsClient.connect(fx.uri(Role.RECEIVER, null), Map.of("Authorization", "Bearer " + TOKEN), null)) {
            assertEquals("registered", ws.next().path("type").asText());
        }
    }

    @Test
    void tokenGuardsApiAndMetricsButNotViewerOrHealth() throws Exception {
        fx = ServerFixture.start(b -> b.token(TOKEN));
        for (String path : new String[] {"/api/senders", "/metrics"}) {
            assertEquals(401, get(path, null).statusCode(), path);
            assertEquals(401, get(path + "?token=nope", null).statusCode(), path);
            assertEquals(200, get(path + "?token=" + TOKEN, null).statusCode(), path);
            assertEquals(200, get(path, TOKEN).statusCode(), path);
        }
        HttpResponse<String> health = get("/healthz", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body());
        assertEquals(200, get("/", null).statusCode());
    }

    @Test
    void withoutTokenEverythingIsOpen() throws Exception {
        fx = ServerFixture.start();
        assertEquals(101, upgrade("/ws/receiver", Map.of()));
        assertEquals(200, get("/api/senders", null).statusCode());
        assertEquals(200, get("/metrics", null).statusCode());
    }

    @Test
    void invalidSenderNameIsRefusedWith400() throws Exception {
        fx = ServerFixture.start();
        assertEquals(400, upgrade("/ws/sender?name=has%20space", Map.of()));
        assertEquals(400, upgrade("/ws/sender?name=", Map.of()));
        assertEquals(400, upgrade("/ws/sender?name=" + "a".repeat(65), Map.of()));
        assertEquals(400, upgrade("/ws/sender?name=caf%C3%A9", Map.of()));
        assertEquals(101, upgrade("/ws/sender?name=" + "a".repeat(64), Map.of()));
        assertEquals(101, upgrade("/ws/sender?name=d435-lab_2.left", Map.of()));
        // the name is a sender thing: a receiver's name parameter is ignored
        assertEquals(101, upgrade("/ws/receiver?name=has%20space", Map.of()));
    }

    @Test
    void connectionCapRefusesWith503AndRoomReturnsWhenOneLeaves() throws Exception {
        fx = ServerFixture.start(b -> b.maxConnections(2));
        WsClient a = fx.open(Role.SENDER, null);
        a.next();
        WsClient b = fx.open(Role.RECEIVER, null);
        b.next();
        assertEquals(503, upgrade("/ws/receiver", Map.of()));
        a.close();
        long deadline = System.currentTimeMillis() + 5_000;
        while (fx.server().openConnections() > 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(101, upgrade("/ws/receiver", Map.of()));
        assertTrue(fx.server().metrics().scrape().contains("signaling_connections_refused_total{reason=\"capacity\"} 1"));
    }

    @Test
    void rootServesTheViewerFromTheClasspath() throws Exception {
        fx = ServerFixture.start(b -> b.token(TOKEN));
        HttpResponse<String> root = get("/", null);
        assertEquals(200, root.statusCode());
        try (var index = getClass().getResourceAsStream("/camrtc-viewer/index.html")) {
            if (index == null) {
                assertTrue(root.body().contains("viewer is not built"), root.body());
            } else {
                assertEquals(new String(index.readAllBytes(), StandardCharsets.UTF_8), root.body());
                assertTrue(root.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            }
        }
    }
}
