package dev.camrtc.systemtests.depth;

import dev.camrtc.systemtests.browser.Chromium;
import java.util.List;
import java.util.Map;

/**
 * Drives the viewer's depth worker (web-viewer js/depth/worker.js: reassembly, RVL/raw decoding and
 * colorizing) in a real page: {@link #feed} posts chunks to a fresh worker and returns what it delivered.
 */
public final class DepthPage {

    private DepthPage() {
    }

    /**
     * Posts {@code chunks} (base64) to a new worker configured with {@code limit} bytes per frame and returns
     * {@code {frames: [{header, depth (base64 of the uint16 LE pixels), rgba (base64, first frame only),
     * decodeMs}], last: the worker's last ack/error, errors: [worker errors]}}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> feed(Chromium chromium, List<String> chunks, int limit) {
        return (Map<String, Object>) chromium.asyncScript("""
                const [chunks, limit, done] = arguments;
                const b64 = (buffer) => {
                  const bytes = new Uint8Array(buffer);
                  let s = '';
                  for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
                  return btoa(s);
                };
                const w = new Worker('/js/depth/worker.js', { type: 'module' });
                const result = { frames: [], last: null, errors: [], decodeErrors: [] };
                let acked = 0;
                const finish = () => { w.terminate(); done(result); };
                w.onerror = (e) => { result.errors.push(String(e.message)); finish(); };
                w.onmessage = (e) => {
                  const m = e.data;
                  if (m.type === 'frame') {
                    result.frames.push({ header: m.header, depth: b64(m.depth),
                      rgba: result.frames.length === 0 ? b64(m.rgba) : null, decodeMs: m.decodeMs });
                  } else if (m.type === 'error') {
                    result.decodeErrors.push(m.message);
                    result.last = m;
                  } else if (m.type === 'ack') {
                    result.last = m;
                    if (++acked === chunks.length) finish();
                  }
                };
                w.postMessage({ type: 'config', limit, near: 300, far: 4000 });
                for (const c of chunks) {
                  const bytes = Uint8Array.from(atob(c), (ch) => ch.charCodeAt(0));
                  w.postMessage({ type: 'chunk', data: bytes.buffer }, [bytes.buffer]);
                }
                if (chunks.length === 0) finish();
                """, chunks, limit);
    }
}
