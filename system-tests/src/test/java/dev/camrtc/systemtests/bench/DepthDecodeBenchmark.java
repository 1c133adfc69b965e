package dev.camrtc.systemtests.bench;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthReassembler;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.depth.JavaDepthFrames;
import dev.camrtc.systemtests.signaling.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web viewer's depth decoding in real headless Chromium: 640x480 test-pattern frames encoded by the
 * Java side (RVL, and raw), fed chunk by chunk to the page's decoding worker (js/depth/worker.js:
 * reassembly, decoding, colorizing) one frame after the other; prints the worker's time per frame and the
 * page-to-page time per frame (chunks posted -> decoded frame back in the page). No network needed:
 * {@code scripts/bench-depth-viewer.sh [frames]}.
 */
public final class DepthDecodeBenchmark {

    private DepthDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int status = 0;
        try (TestServer server = TestServer.start(); Chromium chromium = Chromium.start(1280, 800)) {
            chromium.driver().get(server.http("/index.html").toString());
            for (DepthCodec codec : List.of(DepthCodec.RVL, DepthCodec.RAW)) {
                List<List<String>> distinct = new ArrayList<>();
                for (int n = 0; n < 30; n++) {
                    distinct.add(JavaDepthFrames.chunks(n, codec, 640, 480));
                }
                Map<?, ?> r = (Map<?, ?>) chromium.asyncScript(SCRIPT, distinct, frames,
                        DepthReassembler.maxFrameBytes(640, 480));
                System.out.printf("%s 640x480, %d frames: worker (decode + colorize) p50 %.2f ms, "
                                + "mean %.2f ms, p90 %.2f ms, max %.2f ms; page to page (chunks posted, reassembled, decoded, colorized, back) p50 %.2f ms, p90 %.2f ms "
                                + "(%.0f frames/s back to back)%n", codec, frames, num(r, "p50"), num(r, "mean"),
                        num(r, "p90"), num(r, "max"), num(r, "e2e50"), num(r, "e2e90"), num(r, "fps"));
            }
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                    + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim()
                    + ", Chromium " + chromium.driver().getCapabilities().getBrowserVersion());
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static double num(Map<?, ?> r, String key) {
        return ((Number) r.get(key)).doubleValue();
    }

    private static final String SCRIPT = """
            const [distinct, total, limit, done] = arguments;
            const frames = distinct.map(chunks => chunks.map(c => Uint8Array.from(atob(c), ch => ch.charCodeAt(0))));
            const w = new Worker('/js/depth/worker.js', { type: 'module' });
            w.postMessage({ type: 'config', limit, near: 300, far: 4000 });
            const worker = [], e2e = [];
            let k = 0, sentAt = 0;
            const started = performance.now();
            const next = () => {
              const chunks = frames[k % frames.length];
              sentAt = performance.now();
              for (const c of chunks) { const copy = c.slice(); w.postMessage({ type: 'chunk', data: copy.buffer }, [copy.buffer]); }
            };
            w.onmessage = (e) => {
              const m = e.data;
              if (m.type !== 'frame') return;
              w.postMessage({ type: 'recycle', depth: m.depth, rgba: m.rgba }, [m.depth, m.rgba]);
              if (k >= 20) { worker.push(m.decodeMs); e2e.push(performance.now() - sentAt); }  // after warm-up
              if (++k < total + 20) return next();
              const elapsed = performance.now() - started;
              const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
              w.terminate();
              done({ p50: q(worker, 0.5), p90: q(worker, 0.9), max: q(worker, 1), mean: worker.reduce((a, b) => a + b, 0) / worker.length,
                     e2e50: q(e2e, 0.5), e2e90: q(e2e, 0.9), fps: (total + 20) / (elapsed / 1000) });
            };
            next();
            """;
}
