package dev.camrtc.server.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line for a malformed message from Redis (dropped), saying what was wrong; at most one line a second,
 * so that a flood costs no disk: the messages in between are counted into the next line (and in
 * {@code signaling_cluster_messages_total{direction="dropped_in"}}).
 */
final class MalformedLog {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedLog.class);
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final String self;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    MalformedLog(String self) {
        this.self = self;
    }

    synchronized void dropped(String channel, String reason) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        LOG.warn("instance {} dropped a malformed cluster message on {}: {}{}", self, channel, reason,
                suppressed == 0 ? "" : " (and " + suppressed + " more since the last such line)");
        logged = true;
        lastNanos = now;
        suppressed = 0;
    }
}
