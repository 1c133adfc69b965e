package dev.camrtc.ros.session;

import dev.camrtc.ros.cli.ReceiverOptions;
import java.time.Duration;

/**
 * The receiver session's timings; {@link #defaults()} takes them from {@link ReceiverOptions}, where every
 * default lives. Tests shorten them.
 */
public record SessionTimings(Duration directorySettle, Duration offerTimeout, Duration connectTimeout,
                             Duration firstRetry, Duration maxRetry, Duration disconnectedGrace,
                             Duration webrtcRetryOnFallback) {

    public static SessionTimings defaults() {
        return new SessionTimings(ReceiverOptions.DIRECTORY_SETTLE, ReceiverOptions.OFFER_TIMEOUT,
                ReceiverOptions.CONNECT_TIMEOUT, ReceiverOptions.FIRST_RETRY, ReceiverOptions.MAX_RETRY,
                ReceiverOptions.DISCONNECTED_GRACE, ReceiverOptions.WEBRTC_RETRY_ON_FALLBACK);
    }
}
