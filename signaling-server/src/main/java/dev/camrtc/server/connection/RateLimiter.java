package dev.camrtc.server.connection;

/**
 * Token bucket of one connection (PROTOCOL.md 1): {@code burst} messages at once, refilled at
 * {@code perSecond}; plus the "at most one {@code rate_limited} error per second" rule.
 * Used by the one thread that handles the connection's messages at a time; methods are synchronized
 * anyway so that any thread may call them.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long refilledAt;
    private long lastReportAt;
    private boolean reported;

    public RateLimiter(int perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / (double) SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** True when a message arriving at {@code nowNanos} is accepted (and takes a token). */
    public synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** For a dropped message: true when a {@code rate_limited} error should be sent (at most one per second). */
    public synchronized boolean shouldReport(long nowNanos) {
        if (!reported || nowNanos - lastReportAt >= SECOND) {
            reported = true;
            lastReportAt = nowNanos;
            return true;
        }
        return false;
    }
}
