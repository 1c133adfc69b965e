package dev.camrtc.systemtests.aiortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A third-party receiver — aiortc (Debian's python3-aiortc 1.4), which sends only REMB — against the real
 * signaling server and the real Java test-pattern sender, over real WebRTC inside scripts/netns-run.sh.
 * It must get every stream it asks for at full frame rate, mapped to the right name by mid, with readable
 * in-order frame stamps.
 */
@Tag("media")
class AiortcReceiverTest {

    private static final Logger LOG = LoggerFactory.getLogger(AiortcReceiverTest.class);
    private static final String NAME = "aiortc-cam";
    private static final double SECONDS = 5;
    private static final Duration LIMIT = Duration.ofSeconds(45);
    /** Full rate, in the best 2 s window of the run: a stretch in which other processes took the CPU says nothing. */
    private static final double MIN_FPS = 25;
    /** Over the whole run; a collapsed REMB estimate gives 1-7 fps (docs: webrtc-java.md). */
    private static final double MIN_MEAN_FPS = 15;
    private static TestServer server;
    private static PatternSender sender;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        sender = PatternSender.start(server.uri(), NAME);
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
    void senderFreesTheSession() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sender.running().signaling().sessionCount() != 0) {
            assertTrue(System.nanoTime() < deadline, "the aiortc receiver's hangup frees its session");
            Thread.sleep(20);
        }
    }

    @Test
    void getsBothStreamsAtFullRateMappedByMid() throws Exception {
        AiortcReceiver.Result result = AiortcReceiver.run(server.uri(), NAME, List.of(), SECONDS, LIMIT);
        result.output().forEach(line -> LOG.info("aiortc: {}", line));
        assertEquals(0, result.exitCode(), "aiortc receiver exit status; output " + result.output());
        assertEquals(Set.of("color", "infrared"), result.streams().keySet());
        JsonNode color = result.streams().get("color");
        JsonNode infrared = result.streams().get("infrared");
        assertFullRateInOrder(color);
        assertFullRateInOrder(infrared);
        // mapped by mid, not by order or track id: the stream named color is the colourful one
        assertTrue(color.path("chroma").asDouble() > 5, "color has colour: " + color);
        assertTrue(infrared.path("chroma").asDouble() < 2, "infrared is grey: " + infrared);
        assertTrue(!color.path("mid").asText().equals(infrared.path("mid").asText()), "one m-line per stream");
    }

    @Test
    void mayAskForInfraredOnly() throws Exception {
        AiortcReceiver.Result result = AiortcReceiver.run(server.uri(), NAME, List.of("infrared"), SECONDS, LIMIT);
        result.output().forEach(line -> LOG.info("aiortc: {}", line));
        assertEquals(0, result.exitCode(), "aiortc receiver exit status; output " + result.output());
        assertEquals(Set.of("infrared"), result.streams().keySet(), "only the requested stream is offered");
        JsonNode infrared = result.streams().get("infrared");
        assertFullRateInOrder(infrared);
        assertTrue(infrared.path("chroma").asDouble() < 2, "infrared is grey: " + infrared);
    }

    private static void assertFullRateInOrder(JsonNode s) {
        assertEquals(640, s.path("width").asInt(), s.toString());
        assertEquals(480, s.path("height").asInt(), s.toString());
        assertEquals(s.path("announced").path("width").asInt(), s.path("width").asInt(), "announced size");
        assertTrue(s.path("best_2s_fps").asDouble() >= MIN_FPS,
                "REMB-only receiver still gets full frame rate (>= " + MIN_FPS + " fps in 2 s): " + s);
        assertTrue(s.path("fps").asDouble() >= MIN_MEAN_FPS, "no collapsed bitrate over the run: " + s);
        assertTrue(s.path("stamped").asInt() >= 0.9 * s.path("frames").asInt(), "frame stamps readable: " + s);
        assertTrue(s.path("in_order").asBoolean(), "stamps in order: " + s);
        long p50 = s.path("latency_p50_ms").asLong();
        assertTrue(p50 >= 0 && p50 < 1000, "plausible glass-to-glass latency: " + s);
    }
}
