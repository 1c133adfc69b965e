package dev.camrtc.server.connection;

/**
 * Token bucket of one connection (PROTOCOL.md 1): {@code burst} messages at once, refilled at
 * {@code perSecond}; plus the "at most one {@code rate_limited} error per second" rule.
 * Used by the one thread that handles the connection's messages at a time; methods are synchronized
 * anyway so that any thread may call them.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;

    // Exact integer bucket: one message costs SECOND units, time refills perSecond units per nanosecond.
    private final long perSecond;
    private final long capacity;
    private long units;
    private long refilledAt;
    private long lastReportAt;
    private boolean reported;

    public RateLimiter(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = burst * SECOND;
        this.units = capacity;
        this.refilledAt = nowNanos;
    }

    /** True when a message arriving at {@code nowNanos} is accepted (and takes a token). */
    public synchronized boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - refilledAt);
        long room = capacity - units;
        units = elapsed >= room / perSecond + 1 ? capacity : units + elapsed * perSecond;
        refilledAt = nowNanos;
        if (units >= SECOND) {
            units -= SECOND;
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
