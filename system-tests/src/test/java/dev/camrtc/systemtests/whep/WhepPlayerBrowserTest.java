package dev.camrtc.systemtests.whep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A WHEP player we did not write, {@code @eyevinn/webrtc-player} from npm (installed by scripts/test.sh), runs
 * unmodified in headless Chromium on a page of ANOTHER origin (http://localhost:PAGE) than the sender
 * (http://127.0.0.1:PORT, {@code --allowed-origin http://localhost:PAGE}, token): CORS preflight, POST /whep,
 * the answer, and frames decoding at the sender's 640x480; unloading the player DELETEs the session.
 */
@Tag("media")
class WhepPlayerBrowserTest {

    static final Path NODE_MODULES = Path.of("node_modules");
    static final String TOKEN = "browser-token";

    private static TestServer server;
    private static PatternSender sender;
    private static HttpServer pages;
    private static int senderPort;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isDirectory(NODE_MODULES.resolve("@eyevinn/webrtc-player"))) {
            throw new IllegalStateException("the WHEP player is not installed: run scripts/test.sh, or "
                    + "cd system-tests && npm ci --ignore-scripts");
        }
        int base = 26000 + ThreadLocalRandom.current().nextInt(998);
        senderPort = base;
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", base + 1), 16);
        pages.createContext("/", WhepPlayerBrowserTest::servePage);
        pages.start();
        server = TestServer.start();
        sender = PatternSender.start(server.uri(), "whep-browser", "--mjpeg-port", Integer.toString(senderPort),
                "--mjpeg-bind", "127.0.0.1", "--token", TOKEN, "--allowed-origin", pageOrigin());
    }

    static String pageOrigin() {
        return "http://localhost:" + pages.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void thirdPartyPlayerPlaysTheSenderFromAnotherOrigin() throws Exception {
        Chromium browser = Chromium.shared();
        browser.driver().get(pageOrigin() + "/player.html");
        browser.script("play(arguments[0], arguments[1])", "http://127.0.0.1:" + senderPort + "/whep", TOKEN);
        Map<?, ?>[] last = new Map<?, ?>[1];
        try {
            browser.waiting(Duration.ofSeconds(60)).until(d -> {
                last[0] = (Map<?, ?>) browser.script("return playback()");
                return ((Number) last[0].get("frames")).intValue() >= 30;
            });
        } catch (RuntimeException e) {
            throw new AssertionError("no frames decoded; page state " + last[0] + "; browser log "
                    + browser.driver().manage().logs().get("browser").getAll(), e);
        }
        assertEquals(640L, ((Number) last[0].get("width")).longValue(), last[0].toString());
        assertEquals(480L, ((Number) last[0].get("height")).longValue(), last[0].toString());
        assertEquals(1, sender.running().whep().size(), "one WHEP session");

        browser.script("window.player.unload()");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sender.running().whep().size() != 0) {
            assertTrue(System.nanoTime() < deadline, "unloading the player DELETEs its session");
            Thread.sleep(50);
        }
        browser.driver().get("about:blank");
    }

    /** The test page (from the test resources) and the npm packages under /node_modules/. */
    private static void servePage(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = null;
        String type = "application/javascript";
        if (path.equals("/player.html")) {
            try (InputStream in = WhepPlayerBrowserTest.class.getResourceAsStream("/whep/player.html")) {
                body = in.readAllBytes();
            }
            type = "text/html; charset=utf-8";
        } else if (path.startsWith("/node_modules/")) {
            Path file = NODE_MODULES.resolve(path.substring("/node_modules/".length())).normalize();
            if (file.startsWith(NODE_MODULES) && Files.isRegularFile(file)) {
                body = Files.readAllBytes(file);
                type = path.endsWith(".json") ? "application/json" : type;
            }
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
