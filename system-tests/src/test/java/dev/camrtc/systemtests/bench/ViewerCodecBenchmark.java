package dev.camrtc.systemtests.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.sender.PatternSender;
import dev.camrtc.systemtests.signaling.TestServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The web viewer's side of the codec comparison (scripts/bench-codecs.sh): for each codec in turn, in one run,
 * a test-pattern sender with {@code --codec C} and the given flags, watched by the real web viewer in headless
 * Chromium; the page's own latency meter (frame stamp of every presented frame, requestVideoFrameCallback's
 * expected display time minus the stamped capture time) is drained every 500 ms for the measured window.
 * Prints glass-to-glass p50/p95/p99, stamped frames shown per second, frames not shown, the codec and its
 * fmtp line as the browser negotiated them, and this process's CPU (the sender and signaling server run in
 * it; Chromium does not). Usage: {@code ViewerCodecBenchmark SECONDS WARMUP VP8,H264 [sender flags...]}.
 */
public final class ViewerCodecBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ViewerCodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        String[] codecs = args[2].split(",");
        String[] flags = java.util.Arrays.copyOfRange(args, 3, args.length);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "viewer codec benchmark: Chromium receiver, %d s per codec after %d s warm-up, "
                + "sender flags %s, %d cores, load average %.1f%n", seconds, warmup, String.join(" ", flags),
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        System.out.println("| codec | receiver | fps shown | latency p50 / p95 / p99 ms | frames not shown "
                + "| negotiated (browser) | sender + server process CPU (% of one core) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        int status = 0;
        try (TestServer server = TestServer.start(); Chromium chromium = Chromium.start(1280, 800)) {
            for (String codec : codecs) {
                String name = "bench-" + codec.toLowerCase(Locale.ROOT);
                List<String> senderFlags = new ArrayList<>(List.of("--codec", codec));
                senderFlags.addAll(List.of(flags));
                try (PatternSender sender = PatternSender.start(server.uri(), name, senderFlags.toArray(String[]::new))) {
                    server.awaitSender(name, WAIT);
                    chromium.driver().get(server.uri().toString());
                    chromium.waitForText("li[data-sender-name='" + name + "'] .sender-streams", "RGB", WAIT);
                    chromium.click("li[data-sender-name='" + name + "'] a", WAIT);
                    chromium.waitFor(".stage[data-first-frame-ms]", WAIT);
                    Thread.sleep(warmup * 1000L);
                    List<Double> latencies = new ArrayList<>();
                    long stamped0 = drain(chromium, latencies, true);
                    long lost0 = lost(chromium);
                    latencies.clear();
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    long stamped = stamped0;
                    while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
                        Thread.sleep(500);
                        stamped = drain(chromium, latencies, false);
                    }
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed;
                    latencies.sort(null);
                    System.out.printf(Locale.ROOT, "| %s | Chromium (web viewer) | %.1f | %s / %s / %s | %d | %s | %.0f |%n",
                            codec, (stamped - stamped0) / elapsed, pct(latencies, 50), pct(latencies, 95),
                            pct(latencies, 99), lost(chromium) - lost0, negotiated(chromium), cpu);
                    chromium.script("location.hash = '#/';");
                    chromium.waitFor("#player:not(.has-sender)", WAIT);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.printf(Locale.ROOT, "load average after the runs: %.1f%n", os.getSystemLoadAverage());
        System.exit(status); // webrtc native threads would keep the JVM alive
    }

    /** Moves the page's latency samples into {@code into}; returns the stamped frames shown so far. */
    private static long drain(Chromium chromium, List<Double> into, boolean discard) {
        Object r = chromium.script("const l = window.camrtc.stage.tile('color').latency;"
                + " return [l.stamped].concat(l.samples.splice(0));");
        List<?> values = (List<?>) r;
        if (!discard) {
            for (Object v : values.subList(1, values.size())) {
                into.add(((Number) v).doubleValue());
            }
        }
        return ((Number) values.get(0)).longValue();
    }

    private static long lost(Chromium chromium) {
        return ((Number) chromium.script("return window.camrtc.stage.tile('color').latency.lost;")).longValue();
    }

    /** The color stream's codec and fmtp line from the browser's own getStats(). */
    private static String negotiated(Chromium chromium) {
        Object r = chromium.asyncScript("const done = arguments[arguments.length - 1];"
                + " const s = window.camrtc.watcher.session; if (!s || !s.pc) { done('-'); return; }"
                + " s.pc.getStats().then(rep => { const out = []; rep.forEach(x => { if (x.type === 'inbound-rtp'"
                + " && x.kind === 'video' && x.codecId) { const c = rep.get(x.codecId);"
                + " out.push(c.mimeType + (c.sdpFmtpLine ? ' ' + c.sdpFmtpLine : '')); } });"
                + " done([...new Set(out)].join(', ')); }).catch(e => done('stats failed: ' + e));");
        return String.valueOf(r);
    }

    private static String pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return String.valueOf(Math.round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)))));
    }
}
