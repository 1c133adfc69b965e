package dev.camrtc.sender.e2e;

import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.media.rtc.RtpStreamStats;
import dev.camrtc.protocol.SenderInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The quality phase of the codec benchmark (SenderBench --quality-seconds): one {@link TestReceiver} in the
 * benchmark's process watches the sender's {@code color} stream, its decoded frames go to the
 * {@link QualityProbe} wrapped around the sender's source, and the received bitrate comes from the
 * receiver's own RTP statistics.
 */
final class CodecQuality {

    private CodecQuality() {
    }

    /** The rest of a Markdown row: {@code | PSNR mean / p5 | compared | other size | kbit/s | codec |}. */
    static String measure(QualityProbe probe, URI server, String sender, int warmupSeconds, int seconds)
            throws Exception {
        try (RtcEngine engine = new RtcEngine(); TestReceiver r = TestReceiver.connect(server, null, engine)) {
            SenderInfo info = r.awaitSender(sender, Duration.ofSeconds(30));
            TestReceiver.Watch w = r.watch(info.senderId(), List.of("color"));
            w.tap(probe::compare);
            w.awaitFrames("color", 1, Duration.ofSeconds(30));
            Thread.sleep(warmupSeconds * 1000L);
            probe.record(true);
            RtpStreamStats s0 = color(w);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            RtpStreamStats s1 = color(w);
            double kbps = (s1.bytes() - s0.bytes()) * 8.0 / 1000 / ((System.nanoTime() - t0) / 1e9);
            java.util.Map<String, String> v = new java.util.HashMap<>();
            for (String kv : probe.summary().split(" ")) {
                v.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            probe.record(false);
            r.hangup(info.senderId());
            return String.format(Locale.ROOT, "| %s / %s | %s (%s unmatched) | %s | %.0f (%s) |", v.get("psnr_mean"),
                    v.get("psnr_p5"), v.get("compared"), v.get("unmatched"), v.get("other_size"), kbps, s1.codec());
        }
    }

    private static RtpStreamStats color(TestReceiver.Watch w) throws Exception {
        return w.peer().stats().get(5, TimeUnit.SECONDS).stream().filter(s -> "color".equals(s.stream())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RTP statistics for color"));
    }
}
