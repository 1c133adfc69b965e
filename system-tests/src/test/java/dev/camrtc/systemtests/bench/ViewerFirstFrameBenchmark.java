package dev.camrtc.systemtests.bench;

import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Time to first frame in the web viewer: from the click on a sender to the first decoded frame presented
 * by the page's {@code <video>} (measured by the page itself, requestVideoFrameCallback), then the
 * glass-to-glass latency the page decodes from the frame stamp while playing. Real headless Chromium, real
 * signaling server, real Java sender (test pattern), real WebRTC; run inside the test network namespace:
 * {@code scripts/bench-viewer.sh [runs] [sender flags, e.g. --trickle]}.
 */
public final class ViewerFirstFrameBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NAME = "bench-cam";

    private ViewerFirstFrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String[] senderFlags = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0];
        int status = 0;
        try (TestServer server = TestServer.start();
             PatternSender sender = PatternSender.start(server.uri(), NAME, senderFlags);
             Chromium chromium = Chromium.start(1280, 800)) {
            server.awaitSender(NAME, Duration.ofSeconds(30));
            chromium.driver().get(server.uri().toString());
            String card = "li[data-sender-name='" + NAME + "'] a";
            chromium.waitForText("li[data-sender-name='" + NAME + "'] .sender-streams", "RGB", WAIT);
            List<Long> firstFrame = new ArrayList<>();
            List<Long> latency = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                chromium.click(card, WAIT);
                String ms = chromium.waitFor(".stage[data-first-frame-ms]", WAIT).getAttribute("data-first-frame-ms");
                firstFrame.add(Long.parseLong(ms));
                Thread.sleep(2000); // let the latency window fill
                Object median = chromium.script(
                        "return window.camrtc.stage.tile('color').latency.latencyMs;");
                if (median instanceof Number n) {
                    latency.add(Math.round(n.doubleValue()));
                }
                Object codec = chromium.script("const d = document.querySelector("
                        + "\".tile[data-stream='color'] [data-stat='codec'] dd\"); return d ? d.textContent : '-';");
                System.out.printf("run %2d: first frame %4s ms, glass-to-glass %s ms, codec %s%n", i + 1, ms,
                        median instanceof Number n ? String.valueOf(Math.round(n.doubleValue())) : "-", codec);
                chromium.script("location.hash = '#/';");
                chromium.waitFor("#player:not(.has-sender)", WAIT);
                Thread.sleep(300);
            }
            System.out.println("time to first frame after the click (ms): " + summary(firstFrame));
            System.out.println("  first run (cold sender JVM and browser): " + firstFrame.get(0) + " ms");
            System.out.println("  warm runs: " + summary(firstFrame.subList(1, firstFrame.size())));
            System.out.println("glass-to-glass latency while playing (ms, per-run medians): " + summary(latency));
            System.out.println("sender flags: " + String.join(" ", senderFlags));
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + ", Java " + System.getProperty("java.version"));
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // webrtc native threads would keep the JVM alive
    }

    private static String summary(List<Long> values) {
        if (values.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.format("n=%d min=%d median=%d p90=%d max=%d", sorted.size(), sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get(sorted.size() - 1));
    }
}
