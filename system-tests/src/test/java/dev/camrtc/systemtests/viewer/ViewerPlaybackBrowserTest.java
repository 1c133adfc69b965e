package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The viewer in real headless Chromium playing the real Java sender's test pattern over real WebRTC,
 * through the real signaling server (inside the test network namespace: the sender's candidates are on
 * 198.18.0.x, the page loads from 127.0.0.1).
 */
@Tag("media")
class ViewerPlaybackBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NAME = "pattern-cam";

    private static TestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        chromium = Chromium.shared();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clickPlaysVideoTogglesStreamsShowsLatencyAndStopResume() throws Exception {
        try (PatternSender sender = PatternSender.start(server.uri(), NAME)) {
            server.awaitSender(NAME, Duration.ofSeconds(20));
            chromium.driver().get(server.uri().toString());
            waitForText("li[data-sender-name='" + NAME + "'] .sender-streams", "RGB 640×480 @30 · IR 640×480 @30");
            chromium.click("li[data-sender-name='" + NAME + "'] a", WAIT);

            waitFor("#player[data-state='playing']");
            long firstFrameMs = Long.parseLong(waitFor(".stage[data-first-frame-ms]").getAttribute("data-first-frame-ms"));
            System.out.println("viewer: time to first frame after the click: " + firstFrameMs + " ms");
            assertTrue(firstFrameMs < 5000, "first frame after " + firstFrameMs + " ms");
            assertEquals("#/s/" + NAME, chromium.script("return location.hash"));

            long decoded = framesDecoded("color");
            waitUntil(() -> framesDecoded("color") >= decoded + 15, "color frames keep decoding");
            long shown = framesShown("color");
            waitUntil(() -> framesShown("color") >= shown + 10, "color frames keep being presented");

            // glass-to-glass latency decoded from the frame stamp, shown in the overlay
            String latency = waitForText(".tile[data-stream='color'] [data-stat='latency'] dd", " ms");
            int latencyMs = Integer.parseInt(latency.replace(" ms", "").trim());
            System.out.println("viewer: glass-to-glass latency shown: " + latency);
            assertTrue(latencyMs >= 0 && latencyMs < 1000, "latency " + latency);
            waitForText(".tile[data-stream='color'] [data-stat='resolution'] dd", "640×480");
            // the received bitrate (getStats bytesReceived over the page's clock), not "–"
            String bitrate = waitForText(".tile[data-stream='color'] [data-stat='bitrate'] dd", "bit/s");
            System.out.println("viewer: color bitrate shown: " + bitrate);
            waitUntil(() -> text(".tile[data-stream='color'] [data-stat='codec'] dd").matches("VP8|VP9|H264|AV1"),
                    "the codec is shown");

            assertRealFrame(waitFor(".tile.shown[data-stream='color']"));
            assertSnapshotCarriesAStamp();

            // RGB -> IR: instant (both tracks are already flowing)
            chromium.click("[data-view='infrared']", WAIT);
            waitFor(".tile.shown[data-stream='infrared']");
            assertTrue(chromium.driver().findElements(By.cssSelector(".tile.shown[data-stream='color']")).isEmpty());
            long ir = framesShown("infrared");
            waitUntil(() -> framesShown("infrared") >= ir + 10, "infrared frames keep being presented");
            waitForText(".tile[data-stream='infrared'] [data-stat='latency'] dd", " ms");
            chromium.click("[data-view='split']", WAIT);
            assertEquals(2, chromium.driver().findElements(By.cssSelector(".tile.shown")).size());
            chromium.click("[data-view='color']", WAIT);

            // the signaling server restarts: the page reconnects with backoff and the video plays on
            // (the peer connection is direct; if the sender drops the session, the page asks for a new one)
            chromium.script("window.camrtc.stage.tile('color').longestGapMs = 0");
            long before = framesShown("color");
            server = server.restart();
            waitForText("#conn", "Connected");
            waitFor("li[data-sender-name='" + NAME + "']:not(.stale)");
            waitUntil(() -> framesShown("color") >= before + 60, "frames after the server restart");
            waitFor("#player[data-state='playing']");
            assertEquals(Boolean.TRUE, chromium.script(
                    "return window.camrtc.watcher.sender.sender_id === window.camrtc.directory.byName(arguments[0]).sender_id",
                    NAME), "the page follows the sender's new id");
            Number freeze = (Number) chromium.script("return window.camrtc.stage.tile('color').longestGapMs");
            System.out.println("viewer: longest freeze across the signaling server restart: " + Math.round(freeze.doubleValue()) + " ms");
            assertTrue(freeze.doubleValue() < 8000, "video back within 8 s, froze " + freeze + " ms");
        }
        // sender stopped: a clear message, then automatic resume when it returns
        waitForText("#notice-text", NAME + " is offline");
        assertEquals("offline", waitFor("#player").getAttribute("data-state"));
        // the same page reloaded, now answering without trickle (all candidates inside the answer)
        chromium.driver().get(server.http("/?trickle=0#/s/" + NAME).toString());
        waitForText("#notice-text", NAME + " is offline");
        try (PatternSender again = PatternSender.start(server.uri(), NAME)) {
            waitFor("#player[data-state='playing']");
            assertEquals(Boolean.FALSE, chromium.script("return window.camrtc.watcher.session.answerSent === false"),
                    "a non-trickle answer was sent");
            long decoded = framesDecoded("color");
            waitUntil(() -> framesDecoded("color") >= decoded + 10, "frames decode after the resume");
        }
    }

    /** framesDecoded of the stream's inbound-rtp, from getStats(). */
    private long framesDecoded(String stream) {
        Object n = chromium.asyncScript("""
                const [stream, done] = arguments;
                const s = window.camrtc.watcher.session;
                if (!s || !s.pc) return done(-1);
                const mid = [...s.midToStream].find(([m, name]) => name === stream)?.[0];
                s.pc.getStats().then(r => {
                  let n = -1;
                  r.forEach(x => { if (x.type === 'inbound-rtp' && String(x.mid) === mid) n = x.framesDecoded; });
                  done(n);
                });
                """, stream);
        return ((Number) n).longValue();
    }

    /** Frames the stream's <video> presented (requestVideoFrameCallback count). */
    private long framesShown(String stream) {
        Object n = chromium.script("const t = window.camrtc.stage.tile(arguments[0]); return t ? t.framesShown : -1;", stream);
        return ((Number) n).longValue();
    }

    private void assertRealFrame(WebElement tile) throws IOException {
        byte[] png = tile.getScreenshotAs(OutputType.BYTES);
        Path file = Path.of("target" + System.getProperty("build.suffix", "")).resolve("viewer-playing.png");
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        ImageStats stats = ImageStats.of(image);
        assertTrue(stats.meanLuma() > 30 && stats.lumaStdDev() > 20,
                "the screenshot " + file + " is not a real frame: " + stats);
    }

    /** The snapshot button's PNG is the full 640x480 frame, whose frame stamp the Java decoder reads. */
    private void assertSnapshotCarriesAStamp() throws IOException {
        BufferedImage png = ViewerSnapshot.take(chromium);
        assertEquals(640, png.getWidth());
        assertEquals(480, png.getHeight());
        Optional<FrameStamp.Stamp> stamp = ViewerSnapshot.stamp(png);
        assertTrue(stamp.isPresent(), "the snapshot carries the sender's frame stamp");
        long age = System.currentTimeMillis() - stamp.get().captureTimeMillis();
        assertTrue(age >= 0 && age < 5000, "the snapshot is a live frame, " + age + " ms old");
    }

    private static String text(String css) {
        return chromium.driver().findElements(By.cssSelector(css)).stream()
                .map(e -> e.getAttribute("textContent")).findFirst().orElse("");
    }

    private static WebElement waitFor(String css) {
        return chromium.waitFor(css, WAIT);
    }

    private static String waitForText(String css, String text) {
        return chromium.waitForText(css, text, WAIT);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        chromium.waitUntil(condition, what, WAIT);
    }
}
