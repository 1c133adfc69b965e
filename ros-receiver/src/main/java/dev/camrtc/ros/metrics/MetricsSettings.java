package dev.camrtc.ros.metrics;

import java.time.Duration;

/**
 * Where the receiver serves {@code /metrics} and {@code /healthz}, each default documented here (the CLI reads
 * them from here).
 *
 * @param host address to bind; loopback by default, so only this machine (a local Prometheus or agent) can scrape
 * @param port TCP port; 0 (the default) serves nothing: every receiver of a robot needs its own port, so there
 *             is no fixed one that would suit them all
 */
public record MetricsSettings(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int OFF = 0;
    /**
     * {@code /healthz} says unhealthy when no frame was published for this long while a session runs: far more
     * than a frame period even at 1 fps, short enough for a watchdog to notice a stalled stream.
     */
    public static final long STALE_AFTER_SECONDS = 5;
    public static final Duration STALE_AFTER = Duration.ofSeconds(STALE_AFTER_SECONDS);

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics-port " + port + " is out of range 0..65535");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--metrics-host is empty");
        }
    }

    public static MetricsSettings off() {
        return new MetricsSettings(DEFAULT_HOST, OFF);
    }

    public boolean enabled() {
        return port != OFF;
    }
}
