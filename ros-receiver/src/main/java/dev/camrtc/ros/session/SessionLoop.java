package dev.camrtc.ros.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The session's single thread: events and timers run on it one at a time; nothing runs after close. */
final class SessionLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ros-session");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code r} on the loop; a failure is logged, never kills the loop. */
    void post(Runnable r) {
        try {
            executor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("receiver session step failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed, event dropped");
        }
    }

    /** Runs {@code r} after {@code delay} if {@code generation} still returns {@code expected} then. */
    void later(Duration delay, LongSupplier generation, long expected, Runnable r) {
        try {
            executor.schedule(() -> post(() -> {
                if (generation.getAsLong() == expected) {
                    r.run();
                }
            }), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed, timer dropped");
        }
    }

    /** Runs {@code r} on the loop and waits for it (at most {@code timeout}). */
    void runAndWait(Runnable r, Duration timeout) throws Exception {
        Future<?> f = executor.submit(r);
        f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isClosed() {
        return executor.isShutdown();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
