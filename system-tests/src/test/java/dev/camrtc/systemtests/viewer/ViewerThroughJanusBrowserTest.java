package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.sfu.JanusProcess;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.sender.JanusPatternSender;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The unchanged web viewer in real headless Chromium watching a {@code --sfu} sender: the media comes from a real
 * Janus (Debian's, started by the test inside the test network namespace), the offer is Janus's relayed by the
 * sender, the page's trickled candidates go back to Janus through the sender. Both streams must play under their
 * names with readable frame stamps (the latency overlay decodes them); when Janus dies the page is served
 * peer-to-peer after the sender's hangup, without anyone touching it.
 */
@Tag("media")
class ViewerThroughJanusBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NAME = "janus-viewer-cam";

    private static TestServer server;
    private static JanusPatternSender sfu;
    private static JanusProcess janus;
    private static PatternSender sender;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        sfu = JanusPatternSender.start(server.uri(), NAME, WAIT);
        janus = sfu.janus();
        sender = sfu.sender();
        chromium = Chromium.shared();
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
    void theViewerPlaysBothStreamsFromJanus() throws Exception {
        server.awaitSender(NAME, Duration.ofSeconds(20));
        chromium.driver().get(server.uri().toString());
        chromium.click("li[data-sender-name='" + NAME + "'] a", WAIT);
        chromium.waitFor("#player[data-state='playing']", WAIT);
        assertEquals(1, sender.running().signaling().relayedReceivers().size(), "the page is served through Janus");
        assertEquals(List.of(), sender.running().signaling().sessionPeers(), "no peer-to-peer session");

        chromium.click("[data-view='split']", WAIT);
        for (String stream : List.of("color", "infrared")) {
            long shown = framesShown(stream);
            chromium.waitUntil(() -> framesShown(stream) >= shown + 30, stream + " frames keep being presented", WAIT);
            String tile = ".tile[data-stream='" + stream + "'] ";
            chromium.waitForText(tile + "[data-stat='resolution'] dd", "640×480", WAIT);
            // the overlay's latency comes from the frame stamp decoded out of the pixels
            String latency = chromium.waitForText(tile + "[data-stat='latency'] dd", " ms", WAIT);
            int ms = Integer.parseInt(latency.replace(" ms", "").trim());
            System.out.println("viewer through Janus: " + stream + " glass-to-glass latency shown: " + latency);
            assertTrue(ms >= 0 && ms < 1000, stream + " latency " + latency);
        }
        // Janus dies: the sender hangs up the session, the page asks again (as after any hangup) and plays on
        // peer-to-peer
        janus.stop();
        chromium.waitUntil(() -> sender.running().signaling().sessionPeers().size() == 1,
                "the page is served peer-to-peer once Janus is gone", WAIT);
        chromium.waitFor("#player[data-state='playing']", WAIT);
        long shown = framesShown("color");
        chromium.waitUntil(() -> framesShown("color") >= shown + 30, "color frames after Janus died", WAIT);
        janus.start();
        chromium.waitUntil(() -> sender.running().relay().orElseThrow().available(), "Janus is used again", WAIT);
        chromium.driver().get("about:blank"); // leaving the page ends the session
        chromium.waitUntil(() -> sender.running().signaling().sessionCount() == 0, "the session ends with the page", WAIT);
    }

    private static long framesShown(String stream) {
        Object n = chromium.script("const t = window.camrtc.stage.tile(arguments[0]); return t ? t.framesShown : -1;",
                stream);
        return ((Number) n).longValue();
    }
}
