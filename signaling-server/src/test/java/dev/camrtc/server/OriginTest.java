package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.server.testing.RawWebSocket;
import dev.camrtc.server.testing.ServerFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Origin check of PROTOCOL.md 1: a browser page may open a WebSocket only from the server's own origin
 * (scheme + the Host it sent the request to) or an allowed one; requests without Origin are not affected.
 */
class OriginTest {

    private ServerFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private int upgrade(String path, Map<String, String> headers) throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), path, headers)) {
            return raw.status();
        }
    }

    private int fromOrigin(String origin) throws Exception {
        return upgrade("/ws/receiver", Map.of("Origin", origin));
    }

    @Test
    void byDefaultOnlyTheServersOwnOriginMayConnect() throws Exception {
        fx = ServerFixture.start();
        String own = "http://127.0.0.1:" + fx.port(); // RawWebSocket sends Host: 127.0.0.1:<port>
        assertEquals(101, upgrade("/ws/receiver", Map.of()), "no Origin: not a browser, not affected");
        assertEquals(101, fromOrigin(own));
        assertEquals(101, fromOrigin("HTTP://127.0.0.1:" + fx.port()), "scheme and host are case-insensitive");
        assertEquals(101, upgrade("/ws/sender?name=cam", Map.of("Origin", own)));
        assertEquals(403, fromOrigin("http://evil.example"));
        assertEquals(403, fromOrigin("https://127.0.0.1:" + fx.port()), "another scheme is another origin");
        assertEquals(403, fromOrigin("http://localhost:" + fx.port()), "another host name is another origin");
        assertEquals(403, fromOrigin("http://127.0.0.1:" + (fx.port() == 1 ? 2 : fx.port() - 1)));
        assertEquals(403, fromOrigin("null"));
        assertEquals(403, upgrade("/ws/sender?name=cam", Map.of("Origin", "http://evil.example")), "no fake senders either");
        fx.awaitNoState();
        assertTrue(fx.server().metrics().scrape().contains("signaling_connections_refused_total{reason=\"origin\"} 6.0"),
                fx.server().metrics().scrape());
    }

    @Test
    void theAllowListAddsOriginsAndStarAllowsAny() throws Exception {
        fx = ServerFixture.start(b -> b.allowedOrigins(List.of("http://lab.example:8000", "https://ops.example")));
        assertEquals(101, fromOrigin("http://lab.example:8000"));
        assertEquals(101, fromOrigin("https://OPS.example:443"), "the default port is the same origin");
        assertEquals(101, fromOrigin("http://127.0.0.1:" + fx.port()), "the own origin stays allowed");
        assertEquals(403, fromOrigin("http://lab.example:8001"));
        assertEquals(403, fromOrigin("http://ops.example"));
        fx.close();
        fx = ServerFixture.start(b -> b.allowedOrigins(List.of("*")));
        assertEquals(101, fromOrigin("http://evil.example"));
        assertEquals(101, fromOrigin("null"));
    }

    @Test
    void theOriginIsCheckedBeforeTheToken() throws Exception {
        fx = ServerFixture.start(b -> b.token("t0ken"));
        assertEquals(403, upgrade("/ws/receiver?token=t0ken", Map.of("Origin", "http://evil.example")));
        assertEquals(101, upgrade("/ws/receiver?token=t0ken", Map.of("Origin", "http://127.0.0.1:" + fx.port())));
    }

    @Test
    void aMalformedAllowedOriginIsAConfigurationError() {
        for (String bad : List.of("lab.example", "http://lab.example/path", "http://", "ftp//x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.builder().allowedOrigins(List.of(bad)).build(), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
