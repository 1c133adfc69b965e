package dev.camrtc.sender.webrtc;

import java.time.Duration;
import java.util.Objects;

/**
 * How many WebRTC sessions a sender holds and how long an offer waits for its answer (PROTOCOL.md 3.3).
 * The defaults live here; the CLI's {@code --max-sessions} and {@code --answer-timeout} start from them.
 *
 * @param maxSessions   open sessions (answered or not, orphans of an earlier signaling connection included)
 *                      at most; a {@code request_offer} from a receiver without a session beyond that is
 *                      answered with {@code hangup} {@code reason: busy}. Each session encodes every stream
 *                      it sends on its own, so this bounds the sender's CPU (default
 *                      {@value #DEFAULT_MAX_SESSIONS}, sized for a 4-core robot computer at 640x480@30)
 * @param answerTimeout an offer whose {@code answer} has not arrived this long after it was sent is
 *                      abandoned: peer closed, {@code hangup} {@code reason: answer_timeout} (default 30 s)
 */
public record SessionLimits(int maxSessions, Duration answerTimeout) {

    public static final int DEFAULT_MAX_SESSIONS = 8;
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    public SessionLimits {
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("max sessions must be at least 1, not " + maxSessions);
        }
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answer timeout must be positive: " + answerTimeout);
        }
    }

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_SESSIONS, DEFAULT_ANSWER_TIMEOUT);
    }
}
