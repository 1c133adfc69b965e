package dev.camrtc.protocol.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs a client's listener callbacks, in submission order. A callback that throws is
 * logged and the next one runs; callbacks submitted after {@link #shutdown()} are dropped.
 */
final class CallbackThread {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackThread.class);
    private static final String PREFIX = "signaling-callbacks";

    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named(PREFIX));

    /** Runs {@code callback} on the callback thread after those submitted before. */
    void submit(String label, String what, Runnable callback) {
        try {
            executor.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.error("{}: signaling listener failed in {}; connection kept", label, what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: {} dropped, client closed", label, what);
        }
    }

    /** Lets submitted callbacks finish, then ends the thread; waits up to {@code millis} unless called on it. */
    void shutdown(long millis) {
        executor.shutdown();
        if (millis > 0 && !Thread.currentThread().getName().startsWith(PREFIX)) {
            try {
                executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
