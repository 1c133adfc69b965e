package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.sender.camera.realsense.DepthColorizer;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.depth.DepthPatternOfferer;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The Depth view end to end in real headless Chromium: a test-side Java sender (media OfferingPeer +
 * DepthChannelSender behind the real signaling server, {@link DepthPatternOfferer}) sends the PROTOCOL.md 8
 * test pattern over a real data channel; the page's metre readout under the mouse equals
 * depth(x, y, n) * depth_units for the frame it shows, the colours follow the near/far fields with the
 * sender's colour map, and the stats show depth fps, latency and bitrate. The same readout with the real
 * sender.
 */
@Tag("media")
class DepthViewBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NAME = "depth-cam";
    private static final String TILE = ".tile[data-stream='depth_z16']";

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
    void depthViewShowsTheLosslessPatternWithAMetreReadout() throws Exception {
        try (DepthPatternOfferer sender = DepthPatternOfferer.start(server.uri(), NAME)) {
            server.awaitSender(NAME, WAIT);
            chromium.driver().get(server.http("/#/s/" + NAME).toString());
            chromium.waitFor("#player[data-state='playing']", WAIT);
            // asked for the depth stream by name, not for the data channel it cannot show
            assertEquals(List.of(DepthPatternOfferer.DEPTH), sender.requests().get(0).streams());
            assertTrue(chromium.driver().findElements(By.cssSelector(".tile[data-stream='points']")).isEmpty());
            long shown = framesShown();
            chromium.waitUntil(() -> framesShown() >= shown + 30, "depth frames keep being shown", WAIT);

            checkReadoutsUnderTheMouse();

            // stats: depth frame rate, latency from the chunk header's capture time, bitrate, codec
            chromium.waitForText(TILE + " [data-stat='codec'] dd", "RVL (lossless)", WAIT);
            chromium.waitForText(TILE + " [data-stat='resolution'] dd", "640×480", WAIT);
            chromium.waitForText(TILE + " [data-stat='bitrate'] dd", "bit/s", WAIT);
            String fps = chromium.waitForText(TILE + " [data-stat='fps'] dd", " fps", WAIT);
            String latency = chromium.waitForText(TILE + " [data-stat='latency'] dd", " ms", WAIT);
            String decode = chromium.waitForText(TILE + " [data-stat='decode'] dd", " ms", WAIT);
            System.out.println("depth view: " + fps + ", latency " + latency + ", decode " + decode + ", sender sent "
                    + sender.framesSent() + " frames, skipped " + sender.framesSkipped() + " (channel busy)");
            assertTrue(Integer.parseInt(fps.replace(" fps", "").trim()) > 0, fps);
            int latencyMs = Integer.parseInt(latency.replace(" ms", "").trim());
            assertTrue(latencyMs >= 0 && latencyMs < 2000, latency);

            // near / far in the page: colours follow the sender's map over the new range
            checkColours(300, 4000);
            chromium.script("""
                    const bar = document.querySelector(arguments[0] + ' .depth-range');
                    bar.querySelector('[data-range=near]').value = '1';
                    bar.querySelector('[data-range=far]').value = '2';
                    bar.querySelector('[data-range=far]').dispatchEvent(new Event('change'));
                    """, TILE);
            chromium.waitUntil(() -> coloursMatch(1000, 2000), "colours of the 1..2 m range", WAIT);
            checkColours(1000, 2000);
        }
    }

    /**
     * The real sender ({@code --enable-depth} on its test pattern, as its command line starts it) with its
     * colour, infrared and colorized views beside the lossless one: the Depth view's readout is the pattern.
     */
    @Test
    void realSenderDepthViewShowsTheLosslessPatternWithAMetreReadout() throws Exception {
        String name = "real-depth-view";
        try (RunningSender sender = RunningSender.start(SenderConfig.parse(new String[] {"--server",
                "ws://" + server.uri().getAuthority(), "--name", name, "--mjpeg-port", "0", "--source", "testpattern",
                "--enable-depth"}))) {
            server.awaitSender(name, WAIT);
            chromium.driver().get(server.http("/#/s/" + name).toString());
            chromium.waitFor("#player[data-state='playing']", WAIT);
            chromium.waitFor("#stream-toggle button[data-view='depth_z16']", WAIT).click();
            long shown = framesShown();
            chromium.waitUntil(() -> framesShown() >= shown + 30, "depth frames keep being shown", WAIT);
            checkReadoutsUnderTheMouse();
            chromium.waitForText(TILE + " [data-stat='codec'] dd", "RVL (lossless)", WAIT);
            String fps = chromium.waitForText(TILE + " [data-stat='fps'] dd", " fps", WAIT);
            System.out.println("depth view of the real sender: " + fps + ", latency "
                    + chromium.waitForText(TILE + " [data-stat='latency'] dd", " ms", WAIT));
        }
    }

    /** Moves the mouse over a few points of the shown depth canvas; each readout is right, and follows new frames. */
    private void checkReadoutsUnderTheMouse() {
        WebElement canvas = chromium.waitFor(TILE + ".shown canvas", WAIT);
        int[][] points = {{0, 0}, {100, 50}, {-150, 120}, {200, -180}, {-300, -200}};
        for (int[] p : points) {
            new Actions(chromium.driver()).moveToElement(canvas, p[0], p[1]).perform();
            checkReadout(p);
            long counter = readoutCounter();
            chromium.waitUntil(() -> readoutCounter() > counter, "the readout follows new frames", WAIT);
            checkReadout(p);
        }
    }

    /** The readout at the mouse: its pixel is the one under the offset, its value the pattern's in metres. */
    private void checkReadout(int[] offset) {
        Map<?, ?> r = (Map<?, ?>) chromium.script("""
                const [css, dx, dy] = arguments;
                const tile = window.camrtc.stage.tile('depth_z16');
                const el = document.querySelector(css + ' .depth-readout');
                const rect = tile.canvas.getBoundingClientRect();
                const scale = Math.min(rect.width / tile.canvas.width, rect.height / tile.canvas.height);
                return { hidden: el.hidden, text: el.textContent, x: Number(el.dataset.x), y: Number(el.dataset.y),
                         raw: Number(el.dataset.raw), counter: Number(el.dataset.counter),
                         ex: (rect.width / 2 + dx - (rect.width - tile.canvas.width * scale) / 2) / scale,
                         ey: (rect.height / 2 + dy - (rect.height - tile.canvas.height * scale) / 2) / scale };
                """, TILE, offset[0], offset[1]);
        assertEquals(Boolean.FALSE, r.get("hidden"), "readout shown at " + offset[0] + "," + offset[1]);
        int x = ((Number) r.get("x")).intValue();
        int y = ((Number) r.get("y")).intValue();
        assertTrue(Math.abs(x - ((Number) r.get("ex")).doubleValue()) <= 1.5
                && Math.abs(y - ((Number) r.get("ey")).doubleValue()) <= 1.5, "pixel under the mouse: " + r);
        long n = ((Number) r.get("counter")).longValue();
        int want = DepthTestPattern.depth(x, y, n);
        assertEquals(want, ((Number) r.get("raw")).intValue(), "depth at " + x + "," + y + " of frame " + n);
        String metres = want == 0 ? "no depth"
                : String.format(Locale.ROOT, "%.3f m", want * DepthTestPattern.DEPTH_UNITS);
        assertEquals(x + ", " + y + ": " + metres, r.get("text"));
    }

    private long readoutCounter() {
        Object n = chromium.script("return Number(document.querySelector(arguments[0] + ' .depth-readout').dataset.counter)", TILE);
        return ((Number) n).longValue();
    }

    private long framesShown() {
        Object n = chromium.script("const t = window.camrtc.stage.tile('depth_z16'); return t ? t.framesShown : -1;");
        return ((Number) n).longValue();
    }

    /** Depth and drawn colour of a few pixels of the frame on the canvas: [depth, r, g, b] each. */
    private List<?> samples() {
        return (List<?>) chromium.script("""
                const t = window.camrtc.stage.tile('depth_z16');
                const w = t.frame.header.width;
                const out = [];
                for (let i = 0; i < 200; i++) {
                  const x = (i * 53) % w, y = (i * 29) % t.frame.header.height;
                  const px = t.context.getImageData(x, y, 1, 1).data;
                  out.push([t.frame.depth[y * w + x], px[0], px[1], px[2]]);
                }
                return out;
                """);
    }

    private boolean coloursMatch(int near, int far) {
        DepthColorizer colorizer = new DepthColorizer(near, far);
        for (Object o : samples()) {
            List<?> s = (List<?>) o;
            int[] bgr = colorizer.colorOf(((Number) s.get(0)).intValue());
            int[] got = {((Number) s.get(3)).intValue(), ((Number) s.get(2)).intValue(), ((Number) s.get(1)).intValue()};
            if (!java.util.Arrays.equals(bgr, got)) {
                return false;
            }
        }
        return true;
    }

    private void checkColours(int near, int far) {
        DepthColorizer colorizer = new DepthColorizer(near, far);
        for (Object o : samples()) {
            List<?> s = (List<?>) o;
            int z = ((Number) s.get(0)).intValue();
            int[] got = {((Number) s.get(3)).intValue(), ((Number) s.get(2)).intValue(), ((Number) s.get(1)).intValue()};
            assertArrayEquals(colorizer.colorOf(z), got, "colour of depth " + z + " over " + near + ".." + far);
        }
    }
}
