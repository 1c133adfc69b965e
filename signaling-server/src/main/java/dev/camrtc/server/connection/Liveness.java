package dev.camrtc.server.connection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The ping / idle rule of PROTOCOL.md 1: every peer is pinged every {@code pingInterval}; a peer from
 * which no frame at all (pongs included) arrived for {@code idleTimeout} is handed to {@code onIdle}.
 * One daemon thread serves all connections.
 */
public final class Liveness implements AutoCloseable {

    private final ConnectionRegistry registry;
    private final long idleNanos;
    private final Consumer<Peer> onIdle;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signaling-liveness");
        t.setDaemon(true);
        return t;
    });

    public Liveness(ConnectionRegistry registry, Duration pingInterval, Duration idleTimeout, Consumer<Peer> onIdle) {
        this.registry = registry;
        this.idleNanos = idleTimeout.toNanos();
        this.onIdle = onIdle;
        long pingMillis = Math.max(1, pingInterval.toMillis());
        long checkMillis = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 10));
        timer.scheduleAtFixedRate(this::pingAll, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::checkIdle, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the liveness thread after {@code delay}. */
    public void schedule(Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // shutting down: the server closes every connection itself
        }
    }

    private void pingAll() {
        for (Peer peer : registry.all()) {
            peer.ping();
        }
    }

    private void checkIdle() {
        long now = System.nanoTime();
        for (Peer peer : registry.all()) {
            if (peer.silentNanos(now) >= idleNanos) {
                try {
                    onIdle.accept(peer);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(Liveness.class).warn("dropping idle {} failed", peer, e);
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
