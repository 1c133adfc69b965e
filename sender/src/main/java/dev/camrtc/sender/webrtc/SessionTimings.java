package dev.camrtc.sender.webrtc;

import java.time.Duration;
import java.util.Objects;

/**
 * The fixed timings of the sender's WebRTC sessions (not flags; the limits a user sets are {@link SessionLimits}).
 * The defaults live here, in {@link #defaults()}.
 *
 * @param offerTimeout       longest time from {@code request_offer} to a ready offer (non-trickle includes ICE
 *                           gathering); also the longest wait at shutdown for the sessions to be hung up (10 s)
 * @param answerApplyTimeout longest time to apply an answer that arrived (10 s; the wait for the answer itself
 *                           is {@link SessionLimits#answerTimeout()})
 * @param disconnectedGrace  a peer connection that stays {@code disconnected} this long is closed like a failed
 *                           one (15 s)
 * @param receiverLeftGrace  a {@code receiver_left} closes the receiver's session after this delay, unless the
 *                           signaling connection drops meanwhile: a server that shuts down reports every receiver
 *                           as left just before it closes the sender's connection, and those sessions should keep
 *                           streaming through a server restart (1 s)
 */
public record SessionTimings(Duration offerTimeout, Duration answerApplyTimeout, Duration disconnectedGrace,
                             Duration receiverLeftGrace) {

    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ANSWER_APPLY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DISCONNECTED_GRACE = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RECEIVER_LEFT_GRACE = Duration.ofSeconds(1);

    public SessionTimings {
        Objects.requireNonNull(offerTimeout, "offerTimeout");
        Objects.requireNonNull(answerApplyTimeout, "answerApplyTimeout");
        Objects.requireNonNull(disconnectedGrace, "disconnectedGrace");
        Objects.requireNonNull(receiverLeftGrace, "receiverLeftGrace");
    }

    public static SessionTimings defaults() {
        return new SessionTimings(DEFAULT_OFFER_TIMEOUT, DEFAULT_ANSWER_APPLY_TIMEOUT, DEFAULT_DISCONNECTED_GRACE,
                DEFAULT_RECEIVER_LEFT_GRACE);
    }
}
