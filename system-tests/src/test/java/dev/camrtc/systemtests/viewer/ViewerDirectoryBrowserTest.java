package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.signaling.ScriptedSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The viewer page in real Chromium against the real signaling server, with senders that speak the
 * protocol but carry no media: live directory, {@code #/s/<name>} routing, offline and resume,
 * camera controls, signaling reconnect, the MJPEG fallback decision, and the phone layout.
 */
class ViewerDirectoryBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<StreamDescription> STREAMS = List.of(
            new StreamDescription("color", 640, 480, 30, "bgr8"),
            new StreamDescription("infrared", 640, 480, 30, "mono8"));

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

    private void open(String hashAndQuery) {
        chromium.driver().get(server.http("/" + hashAndQuery).toString());
        waitForText("#conn", "Connected");
    }

    @Test
    void sendersAppearAndDisappearWithoutReload() throws Exception {
        open("");
        try (ScriptedSender a = ScriptedSender.connect(server.uri(), "dir-a")) {
            a.announce(STREAMS, null);
            WebElement card = waitFor("li[data-sender-name='dir-a']");
            waitForText("li[data-sender-name='dir-a'] .sender-streams", "RGB 640×480 @30 · IR 640×480 @30");
            assertEquals(a.senderId(), card.getAttribute("data-sender-id"));
            try (ScriptedSender b = ScriptedSender.connect(server.uri(), "dir-b")) {
                waitFor("li[data-sender-name='dir-b']");
                waitForText("li[data-sender-name='dir-b'] .sender-streams", "no streams announced yet");
            }
            waitGone("li[data-sender-name='dir-b']");
            assertEquals(1, chromium.driver().findElements(By.cssSelector("li[data-sender-name='dir-a']")).size());
        }
        waitGone("li[data-sender-name='dir-a']");
        waitForText("#directory .empty", "No camera is online");
    }

    @Test
    void urlNamesASenderThatIsWatchedWhenItArrivesAndResumedWhenItReturns() throws Exception {
        open("#/s/route-c");
        waitForText("#notice-text", "route-c is offline");
        try (ScriptedSender c = ScriptedSender.connect(server.uri(), "route-c")) {
            c.announce(STREAMS, null);
            JsonNode request = c.await("request_offer", m -> true, WAIT);
            assertEquals(chromium.script("return window.camrtc.signaling.receiverId"),
                    request.path("receiver_id").asText(), "from this page's receiver id");
            assertTrue(request.path("streams").isMissingNode(), "all streams: " + request);
            c.await("control", m -> m.path("op").asText().equals("list"), WAIT);
            waitForText("li[data-sender-name='route-c'] .sender-state", "connecting");
        }
        waitForText("#notice-text", "route-c is offline. Waiting for it to come back");
        try (ScriptedSender again = ScriptedSender.connect(server.uri(), "route-c")) {
            again.announce(STREAMS, null);
            again.await("request_offer", m -> true, WAIT); // resumed without a click
        }
    }

    @Test
    void controlsPanelListsSlidersAndSwitchesAndSetsValues() throws Exception {
        try (ScriptedSender d = ScriptedSender.connect(server.uri(), "ctl-d")) {
            d.announce(STREAMS, null);
            open("#/s/ctl-d");
            JsonNode list = d.await("control", m -> m.path("op").asText().equals("list"), WAIT);
            d.reply(list, true, List.of(
                    Map.of("name", "exposure", "min", 1, "max", 10000, "step", 1, "default", 8500, "value", 8500),
                    Map.of("name", "auto_exposure", "default", true, "value", true)), null);
            WebElement slider = waitFor("[data-control='exposure'] input[type='range']");
            assertEquals("10000", slider.getAttribute("max"));
            waitForText("[data-control='exposure'] output", "8500 µs");
            waitFor("[data-control='auto_exposure'] input[type='checkbox']:checked");

            chromium.script("const s = arguments[0]; s.value = '3000'; s.dispatchEvent(new Event('input'));", slider);
            JsonNode set = d.await("control", m -> m.path("op").asText().equals("set"), WAIT);
            assertEquals("exposure", set.path("name").asText());
            assertEquals(3000, set.path("value").asInt());
            d.reply(set, true, 3000, null);
            waitFor("[data-control='exposure'][data-value='3000']");

            chromium.click("[data-control='auto_exposure'] input", WAIT);
            JsonNode toggle = d.await("control", m -> m.path("op").asText().equals("set"), WAIT);
            assertEquals("auto_exposure", toggle.path("name").asText());
            assertTrue(toggle.path("value").isBoolean() && !toggle.path("value").asBoolean(), toggle.toString());
            d.reply(toggle, false, null, "auto exposure is locked");
            waitForText("[data-control='auto_exposure'] .control-error", "auto exposure is locked");
            waitFor("[data-control='auto_exposure'] input:checked"); // back to the value in effect
        }
    }

    @Test
    void fallsBackToMjpegWhenNoOfferComesAndSaysSo() throws Exception {
        try (ScriptedSender e = ScriptedSender.connect(server.uri(), "fb-e")) {
            e.announce(STREAMS, "http://127.0.0.1:9/cam/");
            open("?fallback_ms=1000#/s/fb-e");
            e.await("request_offer", m -> true, WAIT); // never answered
            waitForText("#notice-text", "WebRTC did not connect within 1 s");
            WebElement img = waitFor(".tile[data-stream='color'] img.mjpeg");
            assertEquals("http://127.0.0.1:9/cam/color.mjpg", img.getAttribute("src"));
            assertEquals("mjpeg", waitFor("#player").getAttribute("data-state"));
            waitFor("#btn-retry");
            chromium.click("[data-view='infrared']", WAIT);
            assertEquals("http://127.0.0.1:9/cam/infrared.mjpg",
                    waitFor(".tile.shown[data-stream='infrared'] img.mjpeg").getAttribute("src"));
        }
    }

    @Test
    void signalingDropReconnectsAndKeepsTheDirectory() throws Exception {
        try (ScriptedSender f = ScriptedSender.connect(server.uri(), "drop-f")) {
            f.announce(STREAMS, null);
            open("#/s/drop-f");
            f.await("request_offer", m -> true, WAIT);
            chromium.script("window.camrtc.signaling.drop()");
            waitForText("#conn", "Server unreachable");
            waitForText("#conn", "Connected");
            waitFor("li[data-sender-name='drop-f']:not(.stale)");
            JsonNode again = f.await("request_offer", m -> true, WAIT); // the pending request is renewed
            assertTrue(again.has("receiver_id"));
        }
    }

    @Test
    void aTokenWithoutControlSeesTheValuesButNoControlsToChangeThem() throws Exception {
        java.nio.file.Path tokens = java.nio.file.Files.createTempFile("tokens", ".yaml");
        java.nio.file.Files.writeString(tokens, """
                tokens:
                  - {token: cam-token, publish: true}
                  - {token: look-only, view: true}
                """);
        try (TestServer guarded = TestServer.start(dev.camrtc.server.ServerConfig.builder().tokensFile(tokens));
             ScriptedSender j = ScriptedSender.connect(guarded.uri(), "ro-j", "cam-token")) {
            j.announce(STREAMS, null);
            chromium.driver().get(guarded.http("/?token=look-only#/s/ro-j").toString());
            waitForText("#conn", "Connected");
            JsonNode list = j.await("control", m -> m.path("op").asText().equals("list"), WAIT);
            j.reply(list, true, List.of(
                    Map.of("name", "exposure", "min", 1, "max", 10000, "step", 1, "default", 8500, "value", 8500),
                    Map.of("name", "auto_exposure", "default", true, "value", true)), null);
            waitForText("[data-control='exposure'] output", "8500 µs");
            waitFor("[data-control='exposure'].read-only");
            waitFor("[data-control='auto_exposure'].read-only");
            assertEquals(0L, chromium.script(
                    "return document.querySelectorAll('[data-control] input:not([hidden]):not([disabled])').length"));
            waitForText("#controls", "may not change camera settings");
        } finally {
            java.nio.file.Files.deleteIfExists(tokens);
        }
    }

    @Test
    void passesTheTokenOfItsAddressAndExplainsAMissingOne() throws Exception {
        try (TestServer guarded = TestServer.start(dev.camrtc.server.ServerConfig.builder().token("s3cret"));
             ScriptedSender h = ScriptedSender.connect(guarded.uri(), "token-h", "s3cret")) {
            h.announce(STREAMS, null);
            chromium.driver().get(guarded.http("/").toString());
            waitForText("#conn", "Access denied: this server needs ?token=");
            chromium.driver().get(guarded.http("/?token=wrong").toString());
            waitForText("#conn", "Access denied: the token in the address is wrong");
            chromium.driver().get(guarded.http("/?token=s3cret#/s/token-h").toString());
            waitForText("#conn", "Connected");
            waitFor("li[data-sender-name='token-h']");
            h.await("request_offer", m -> true, WAIT);
        }
    }

    @Test
    void fullscreenShowsTheStage() throws Exception {
        try (ScriptedSender i = ScriptedSender.connect(server.uri(), "full-i")) {
            i.announce(STREAMS, null);
            open("#/s/full-i");
            chromium.click("#btn-fullscreen", WAIT);
            chromium.waitUntil(() -> "stage".equals(chromium.script(
                    "return document.fullscreenElement && document.fullscreenElement.id")), "stage in fullscreen", WAIT);
            new org.openqa.selenium.interactions.Actions(chromium.driver()).sendKeys("f").perform(); // key f
            chromium.waitUntil(() -> chromium.script("return document.fullscreenElement") == null,
                    "fullscreen left", WAIT);
        }
    }

    @Test
    void phoneWidthHasNoHorizontalScrollAndShowsTheList() throws Exception {
        try (ScriptedSender g = ScriptedSender.connect(server.uri(), "phone-g")) {
            g.announce(STREAMS, null);
            chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            try {
                open("#/s/phone-g");
                waitFor("li[data-sender-name='phone-g']");
                Object overflow = chromium.script(
                        "return document.scrollingElement.scrollWidth - document.documentElement.clientWidth");
                assertEquals(0L, overflow, "page wider than the phone");
                WebElement video = waitFor(".tile[data-stream='color']");
                assertTrue(video.getRect().getWidth() >= 360, "video uses the phone's width: " + video.getRect());
            } finally {
                chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
            }
        }
    }

    private static WebElement waitFor(String css) {
        return chromium.waitFor(css, WAIT);
    }

    private static void waitGone(String css) {
        chromium.waitGone(css, WAIT);
    }

    private static void waitForText(String css, String text) {
        chromium.waitForText(css, text, WAIT);
    }
}
