package dev.camrtc.sender.sfu;

import java.time.Duration;

/**
 * The bounds of one Janus client session (not flags; {@link #defaults()} is the one place of their values).
 *
 * @param requestTimeout  longest wait for Janus to answer one POST, or for the event that completes an
 *                        asynchronous request (5 s)
 * @param pollTimeout     longest wait for one long poll; Janus answers an idle poll after 30 s (35 s)
 * @param keepalive       how often a {@code keepalive} is sent, well inside Janus's default 60 s session timeout (20 s)
 * @param maxPending      asynchronous requests waiting for their event at once, at most (256)
 * @param maxBodyBytes    largest answer or poll body read from Janus; a larger one is an error (1 MiB)
 * @param eventsPerPoll   {@code maxev} of each long poll (10)
 * @param maxPollFailures consecutive failed polls after which the session counts as lost (2)
 */
public record JanusLimits(Duration requestTimeout, Duration pollTimeout, Duration keepalive, int maxPending,
                          int maxBodyBytes, int eventsPerPoll, int maxPollFailures) {

    public static JanusLimits defaults() {
        return new JanusLimits(Duration.ofSeconds(5), Duration.ofSeconds(35), Duration.ofSeconds(20), 256, 1 << 20,
                10, 2);
    }
}
