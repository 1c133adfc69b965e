package dev.camrtc.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapWithoutJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 0, new Random(1));
        long[] expected = {250, 500, 1000, 2000, 4000, 8000, 10000, 10000};
        for (long millis : expected) {
            assertEquals(Duration.ofMillis(millis), backoff.next());
        }
        backoff.reset();
        assertEquals(Duration.ofMillis(250), backoff.next());
    }

    @Test
    void jitterStaysWithinItsFractionAndTheFirstRetryUnderASecond() {
        Backoff backoff = new Backoff(SignalingDefaults.FIRST_RETRY, SignalingDefaults.MAX_RETRY,
                SignalingDefaults.RETRY_JITTER, new Random(7));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            backoff.reset();
            long first = backoff.next().toMillis();
            min = Math.min(min, first);
            max = Math.max(max, first);
        }
        assertTrue(min >= 200 && max <= 300 && max < 1000, min + ".." + max);
        assertTrue(max > min, "jitter varies the delay");
        for (int i = 0; i < 20; i++) {
            assertTrue(backoff.next().toMillis() <= 12_000);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0, new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, new Random()));
    }
}
