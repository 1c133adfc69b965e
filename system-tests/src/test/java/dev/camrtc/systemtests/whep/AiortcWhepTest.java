package dev.camrtc.systemtests.whep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A third-party WHEP player written with aiortc ({@code src/test/python/aiortc_whep.py}) plays the real sender's
 * {@code POST /whep} (PROTOCOL.md 5): frames decode at the announced size on every offered video m-line, in the
 * announced order by default or as {@code ?streams=} asks, and its DELETE frees the session.
 */
@Tag("media")
class AiortcWhepTest {

    static final String PYTHON = "/usr/bin/python3";
    static final Path SCRIPT = Path.of("src/test/python/aiortc_whep.py");
    static final String TOKEN = "whep-token";
    static final double SECONDS = 3;
    /** Far below the pattern's 30 fps: the machine is shared; this only proves a live stream. */
    static final int MIN_FRAMES = 15;

    private static TestServer server;
    private static PatternSender sender;
    private static String url;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        int port = 26000 + ThreadLocalRandom.current().nextInt(1000);
        sender = PatternSender.start(server.uri(), "whep-cam", "--mjpeg-port", Integer.toString(port),
                "--mjpeg-bind", "127.0.0.1", "--token", TOKEN);
        url = "http://127.0.0.1:" + port + "/whep";
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void deleteFreesTheSession() {
        assertEquals(0, sender.running().whep().size(), "the player's DELETE ended its session");
    }

    @Test
    void playsEveryStreamInAnnouncedOrder() throws Exception {
        Map<String, JsonNode> byStream = run(url, 2);
        assertEquals(List.of("color", "infrared"), List.copyOf(byStream.keySet()));
        for (JsonNode s : byStream.values()) {
            assertTrue(s.path("frames").asInt() >= MIN_FRAMES, "frames decoded: " + s);
            assertEquals(640, s.path("width").asInt(), s.toString());
            assertEquals(480, s.path("height").asInt(), s.toString());
        }
    }

    @Test
    void oneVideoMLineGetsTheChosenStream() throws Exception {
        Map<String, JsonNode> byStream = run(url + "?streams=infrared", 1);
        assertEquals(List.of("infrared"), List.copyOf(byStream.keySet()));
        assertTrue(byStream.get("infrared").path("frames").asInt() >= MIN_FRAMES, byStream.toString());
    }

    private static Map<String, JsonNode> run(String whepUrl, int videoMLines) throws IOException, InterruptedException {
        List<String> command = List.of(PYTHON, SCRIPT.toString(), "--url", whepUrl, "--token", TOKEN,
                "--video", Integer.toString(videoMLines), "--seconds", Double.toString(SECONDS));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aiortc WHEP player did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "aiortc WHEP player exit status; output " + out);
        Map<String, JsonNode> byStream = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                byStream.put(n.path("stream").asText(), n);
            }
        }
        return byStream;
    }
}
