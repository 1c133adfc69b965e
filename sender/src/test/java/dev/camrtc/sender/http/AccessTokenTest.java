package dev.camrtc.sender.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.hub.FrameHub;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a token configured, every endpoint needs it ({@code ?token=} or {@code Authorization: Bearer}). */
class AccessTokenTest {

    static TestPatternSource source;
    static FrameHub hub;
    static SenderHttpServer server;

    @BeforeAll
    static void start() {
        source = new TestPatternSource(new TestPatternOptions("token-test", 320, 240, 15));
        hub = FrameHub.start("token-test", source);
        server = SenderHttpServer.start(HttpConfig.of("token-test", "127.0.0.1", 0, Optional.of("s3cret")), hub,
                hub.streams(), source.controls());
    }

    @AfterAll
    static void stop() {
        server.close();
        hub.close();
        source.close();
    }

    static int status(String path, String headers) throws Exception {
        try (RawHttpClient c = RawHttpClient.get(server.port(), path, headers + "Connection: close\r\n", true)) {
            return c.status;
        }
    }

    @Test
    void everyEndpointIs401WithoutTheToken() throws Exception {
        for (String path : List.of("/", "/rgb.mjpg", "/stream", "/stereo.mjpg", "/jpg", "/set", "/set?brightness=5")) {
            try (RawHttpClient c = RawHttpClient.get(server.port(), path, "Connection: close\r\n", true)) {
                assertEquals(401, c.status, path);
                assertTrue(c.headers.get("content-type").startsWith("application/json"));
                String body = new String(c.body.readAllBytes());
                assertTrue(body.contains("token"), body);
            }
            assertEquals(401, status(path + (path.contains("?") ? "&" : "?") + "token=wrong", ""), path);
            assertEquals(401, status(path, "Authorization: Bearer wrong\r\n"), path);
        }
        assertEquals(0, source.controls().get("brightness"), "the refused /set applied nothing");
    }

    @Test
    void theTokenOpensEveryEndpointAsQueryOrBearer() throws Exception {
        assertEquals(200, status("/?token=s3cret", ""));
        assertEquals(200, status("/jpg?stream=stereo&token=s3cret", ""));
        assertEquals(200, status("/jpg", "Authorization: Bearer s3cret\r\n"));
        assertEquals(200, status("/set", "Authorization: bearer s3cret\r\n"));
        try (RawHttpClient c = RawHttpClient.get(server.port(), "/rgb.mjpg?token=s3cret", "", true)) {
            assertEquals(200, c.status);
            assertEquals(320, Jpegs.decode(new MultipartReader(c.body, "frame").next().body()).getWidth());
        }
    }
}
