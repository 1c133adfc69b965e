package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * WebRTC made impossible — the page told to use TURN relays only ({@code ?relay=1}) by a server that has
 * none, so Chromium has no ICE candidate to connect with —
 * so the viewer falls back to the real sender's MJPEG stream, says so, and shows live frames.
 */
@Tag("media")
class ViewerMjpegFallbackBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NAME = "mjpeg-cam";

    @Test
    void showsTheSendersMjpegStreamWhenWebRtcCannotConnect() throws Exception {
        int mjpegPort = freePort();
        String mjpegUrl = "http://127.0.0.1:" + mjpegPort + "/";
        try (TestServer server = TestServer.start();
             PatternSender sender = PatternSender.start(server.uri(), NAME, "--mjpeg-port", String.valueOf(mjpegPort),
                     "--mjpeg-bind", "127.0.0.1", "--mjpeg-url", mjpegUrl)) {
            server.awaitSender(NAME, Duration.ofSeconds(20));
            Chromium chromium = Chromium.shared();
            // relay only, and the server offers no TURN relay: the peer connection has no candidate at all
            chromium.driver().get(server.http("/?relay=1&fallback_ms=2000#/s/" + NAME).toString());

            chromium.waitForText("#notice-text", "WebRTC did not connect within 2 s", WAIT);
            chromium.waitForText("#notice-text", "showing the MJPEG stream from 127.0.0.1:" + mjpegPort, WAIT);
            assertEquals("mjpeg", chromium.waitFor("#player", WAIT).getAttribute("data-state"));
            chromium.waitForText("li[data-sender-name='" + NAME + "'] .sender-state", "MJPEG", WAIT);

            WebElement img = chromium.waitFor(".tile.shown[data-stream='color'] img.mjpeg", WAIT);
            assertEquals(mjpegUrl + "color.mjpg", img.getAttribute("src"));
            chromium.waitUntil(() -> ((Number) chromium.script("return arguments[0].naturalWidth", img)).intValue() == 640,
                    "the MJPEG image shows a 640-pixel frame", WAIT);
            WebElement tile = chromium.waitFor(".tile.shown[data-stream='color']", WAIT);
            byte[] first = tile.getScreenshotAs(OutputType.BYTES);
            assertRealFrame(first);
            chromium.waitUntil(() -> !Arrays.equals(first, tile.getScreenshotAs(OutputType.BYTES)),
                    "the MJPEG image keeps changing (live frames)", WAIT);

            chromium.click("[data-view='infrared']", WAIT);
            WebElement ir = chromium.waitFor(".tile.shown[data-stream='infrared'] img.mjpeg", WAIT);
            assertEquals(mjpegUrl + "infrared.mjpg", ir.getAttribute("src"));
            chromium.waitUntil(() -> ((Number) chromium.script("return arguments[0].naturalWidth", ir)).intValue() == 640,
                    "the infrared MJPEG image shows a frame", WAIT);
            assertEquals(null, chromium.waitFor(".tile[data-stream='color'] img.mjpeg", WAIT).getAttribute("src"),
                    "the hidden stream is not fetched");
            assertFalse((Boolean) chromium.script("return document.getElementById('btn-retry').hidden"),
                    "the page offers to try WebRTC again");
        }
    }

    private static void assertRealFrame(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        ImageStats stats = ImageStats.of(image);
        assertTrue(stats.meanLuma() > 30 && stats.lumaStdDev() > 20, "not a real frame: " + stats);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
