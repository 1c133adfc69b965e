package dev.camrtc.server.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket with a virtual clock (nanoseconds), so the rule is checked exactly. */
class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void burstThenSustainedRate() {
        RateLimiter limiter = new RateLimiter(100, 200, 0);
        for (int i = 0; i < 200; i++) {
            assertTrue(limiter.tryAcquire(0), "burst message " + i);
        }
        assertFalse(limiter.tryAcquire(0));
        // 100/s = one every 10 ms
        assertFalse(limiter.tryAcquire(9 * MS));
        assertTrue(limiter.tryAcquire(10 * MS));
        long t = 10 * MS;
        for (int i = 0; i < 1_000; i++) {
            t += 10 * MS;
            assertTrue(limiter.tryAcquire(t), "sustained message " + i);
        }
    }

    @Test
    void refillStopsAtTheBurst() {
        RateLimiter limiter = new RateLimiter(100, 200, 0);
        long later = 3_600_000 * MS;
        for (int i = 0; i < 200; i++) {
            assertTrue(limiter.tryAcquire(later));
        }
        assertFalse(limiter.tryAcquire(later));
    }

    @Test
    void atMostOneReportPerSecond() {
        RateLimiter limiter = new RateLimiter(1, 1, 0);
        assertTrue(limiter.shouldReport(5 * MS));
        assertFalse(limiter.shouldReport(500 * MS));
        assertFalse(limiter.shouldReport(1_004 * MS));
        assertTrue(limiter.shouldReport(1_005 * MS));
    }
}
