package dev.camrtc.sender.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The /healthz rule on a real test-pattern source seen through a {@link CaptureMeter} (threshold shortened). */
class SenderHealthTest {

    /**
     * The limit, shortened from 5 s; long enough that a 30 fps source never misses it on a loaded 2-core machine
     * (at 0.4 s the "delivering" check failed once at load 6.5).
     */
    private static final Duration STALE = Duration.ofMillis(1500);
    /** Waited to show that idleness stays healthy past the limit. */
    private static final long PAST_THE_LIMIT_MS = STALE.toMillis() + 300;

    @Test
    void idleIsHealthyWatchedNeedsFramesAndAStallIsUnhealthy() throws Exception {
        try (CaptureMeter meter = new CaptureMeter(new TestPatternSource(TestPatternOptions.defaults("health")))) {
            SenderHealth health = new SenderHealth(meter, true, STALE);
            meter.start(frame -> { });
            assertTrue(health.check().healthy(), health.check().reason());
            assertTrue(health.check().reason().startsWith("ok: idle"), health.check().reason());
            Thread.sleep(PAST_THE_LIMIT_MS);
            assertTrue(health.check().healthy(), "--always-on with a source that draws only when watched: idle, "
                    + health.check().reason());

            meter.demand(Set.of("color"));
            awaitFrames(meter, 5);
            assertTrue(health.check().healthy(), health.check().reason());
            assertEquals("ok: camera delivering", health.check().reason());
            assertTrue(meter.framesCaptured("color") >= 5);
            assertEquals(0, meter.framesCaptured("infrared"));
            assertFalse(meter.deliversWhenIdle());

            meter.demand(Set.of());
            Thread.sleep(PAST_THE_LIMIT_MS);
            assertTrue(health.check().healthy(), "nobody watches: " + health.check().reason());
        }
    }

    @Test
    void noFrameForLongerThanTheLimitWhileWatchedIsUnhealthy() throws Exception {
        try (CaptureMeter meter = new CaptureMeter(new TestPatternSource(TestPatternOptions.defaults("health")))) {
            SenderHealth health = new SenderHealth(meter, false, STALE);
            meter.start(frame -> { });
            meter.demand(Set.of("color"));
            awaitFrames(meter, 3);
            // the demand stays, but the source is told to capture nothing: the camera "stops delivering"
            meter.source().demand(Set.of());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (health.check().healthy() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            SenderHealth.Verdict v = health.check();
            assertFalse(v.healthy());
            assertTrue(v.reason().startsWith("no frame from the camera for ") && v.reason().contains("(limit 1.5 s)"),
                    v.reason());
            meter.source().demand(Set.of("color"));
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!health.check().healthy() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(health.check().healthy(), health.check().reason());
        }
    }

    private static void awaitFrames(CaptureMeter meter, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (meter.framesCaptured("color") < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(meter.framesCaptured("color") >= n, "frames: " + meter.framesCaptured("color"));
    }
}
