package dev.camrtc.protocol.client;

import java.time.Duration;
import java.util.Random;

/**
 * Retry delays: {@code first}, doubling up to {@code max}, each varied by up to {@code jitter} (a fraction)
 * up or down. The project's one backoff: the signaling clients and the ROS receiver's session retries use it.
 * Not thread-safe.
 */
public final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private final double jitter;
    private final Random random;
    private long nextMillis;

    public Backoff(Duration first, Duration max, double jitter, Random random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("bad backoff " + first + ".." + max + " jitter " + jitter);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
        this.nextMillis = firstMillis;
    }

    /** The delay before the next attempt; later calls return longer delays. */
    public Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
    }

    /** Back to the first delay (after a successful connection). */
    public void reset() {
        nextMillis = firstMillis;
    }
}
