package dev.camrtc.ros.session;

import java.time.Duration;

/**
 * The receiver session's timings, each default documented here (the one place; the CLI and the docs read
 * them from here). They are fixed, not flags; tests shorten them.
 *
 * @param directorySettle       without a sender id or name: time after registration to collect the directory
 *                              before choosing
 * @param offerTimeout          longest wait for an offer after {@code request_offer} before asking again
 * @param connectTimeout        longest time from the answer to a connected peer before the attempt counts as
 *                              failed
 * @param firstRetry            first delay before re-requesting an offer after a failure; doubles up to
 *                              {@code maxRetry} (varied by {@code SignalingDefaults.RETRY_JITTER})
 * @param maxRetry              longest delay between offer requests
 * @param disconnectedGrace     a peer connection that stays {@code disconnected} this long is treated as failed
 * @param webrtcRetryOnFallback while on the MJPEG fallback, WebRTC is tried again this often
 */
public record SessionTimings(Duration directorySettle, Duration offerTimeout, Duration connectTimeout,
                             Duration firstRetry, Duration maxRetry, Duration disconnectedGrace,
                             Duration webrtcRetryOnFallback) {

    /** Seconds of {@link #webrtcRetryOnFallback()} by default (a constant, for {@code --help} texts). */
    public static final long WEBRTC_RETRY_ON_FALLBACK_SECONDS = 30;

    private static final SessionTimings DEFAULTS = new SessionTimings(Duration.ofMillis(700), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(WEBRTC_RETRY_ON_FALLBACK_SECONDS));

    /** 0.7 s settle, 10 s offer timeout, 10 s connect timeout, retries 0.5 s doubling to 10 s, 5 s grace, 30 s. */
    public static SessionTimings defaults() {
        return DEFAULTS;
    }
}
