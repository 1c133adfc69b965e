package dev.camrtc.systemtests.aiortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.systemtests.sender.JanusPatternSender;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unchanged third-party aiortc receiver (Debian's python3-aiortc) served through Janus: the real sender runs
 * with {@code --sfu} against a real Janus from Debian started by the test, inside scripts/netns-run.sh. Janus's own
 * offer, relayed by the sender with {@code streams} mapped to Janus's mids, must give aiortc both streams at full
 * rate, each under its right name, with readable in-order frame stamps.
 */
@Tag("media")
class AiortcThroughJanusTest {

    private static final Logger LOG = LoggerFactory.getLogger(AiortcThroughJanusTest.class);
    private static final String NAME = "aiortc-janus-cam";
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static TestServer server;
    private static JanusPatternSender sfu;
    private static PatternSender sender;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        sfu = JanusPatternSender.start(server.uri(), NAME, Duration.ofSeconds(15));
        sender = sfu.sender();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sfu != null) {
            sfu.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aiortcGetsBothStreamsFromJanusAtFullRateMappedByMid() throws Exception {
        AiortcReceiver.Result result = AiortcReceiver.run(server.uri(), NAME, List.of(), 5, LIMIT);
        result.output().forEach(line -> LOG.info("aiortc through Janus: {}", line));
        assertEquals(0, result.exitCode(), "aiortc receiver exit status; output " + result.output());
        assertEquals(Set.of("color", "infrared"), result.streams().keySet());
        JsonNode color = result.streams().get("color");
        JsonNode infrared = result.streams().get("infrared");
        for (JsonNode s : List.of(color, infrared)) {
            assertEquals(640, s.path("width").asInt(), s.toString());
            assertTrue(s.path("best_2s_fps").asDouble() >= 25, "full rate through Janus: " + s);
            assertTrue(s.path("stamped").asInt() >= 0.9 * s.path("frames").asInt(), "frame stamps readable: " + s);
            assertTrue(s.path("in_order").asBoolean(), "stamps in order: " + s);
        }
        assertTrue(color.path("chroma").asDouble() > 5, "the stream named color is the colourful one: " + color);
        assertTrue(infrared.path("chroma").asDouble() < 2, "the stream named infrared is grey: " + infrared);
        assertTrue(sender.running().signaling().sessionPeers().isEmpty(), "no peer-to-peer session: through Janus");
    }
}
