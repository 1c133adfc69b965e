package dev.camrtc.ros.metrics;

import dev.camrtc.ros.session.SessionState.Phase;

/**
 * The answer of {@code /healthz}: healthy while the session streams (WebRTC, or the MJPEG fallback) and an
 * image was published within {@link MetricsSettings#STALE_AFTER_SECONDS}; otherwise unhealthy with a one-line
 * reason (no session yet, no sender, no frame for a while).
 *
 * @param healthy true: 200, false: 503
 * @param reason  one line for people and logs
 */
public record Health(boolean healthy, String reason) {

    /** Judges {@code metrics} now ({@code nowMillis}: wall clock). */
    public static Health of(ReceiverMetrics metrics, long nowMillis) {
        return judge(metrics.phase(), metrics.lastFrameMillis(), nowMillis);
    }

    /** @param phase the session's phase, null before it exists; @param last the last frame's time, -1: none */
    static Health judge(Phase phase, long last, long nowMillis) {
        if (phase == null) {
            return new Health(false, "no session yet");
        }
        if (phase != Phase.STREAMING && phase != Phase.FALLBACK) {
            return new Health(false, "no sender streaming: session is " + phase.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (last < 0) {
            return new Health(false, "no frame published yet");
        }
        long age = nowMillis - last;
        if (age > MetricsSettings.STALE_AFTER.toMillis()) {
            return new Health(false, "no frame published for " + age / 1000 + " s (limit "
                    + MetricsSettings.STALE_AFTER_SECONDS + " s)");
        }
        return new Health(true, "ok: " + (phase == Phase.FALLBACK ? "MJPEG fallback" : "streaming")
                + ", last frame " + age + " ms ago");
    }
}
