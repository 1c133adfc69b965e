package dev.camrtc.sender.http;

import dev.camrtc.program.tls.TlsFiles;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link SenderHttpServer}. The MJPEG defaults live here (the listen address and port are the
 * CLI's: {@code --mjpeg-bind}, {@code --mjpeg-port}).
 *
 * <p>{@code port} follows socket conventions: 1..65535 binds that port, 0 binds any free port (tests;
 * read it back with {@link SenderHttpServer#port()}). "Port 0 disables MJPEG" is a CLI rule: the CLI simply
 * does not start the server then.
 *
 * @param senderName      for log lines and the page title
 * @param host            listen address, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port            0..65535, 0 = any free port
 * @param token           when present, every endpoint needs it ({@code ?token=} or {@code Authorization: Bearer})
 * @param quality         JPEG quality 1..100 (default {@value #DEFAULT_QUALITY})
 * @param maxClients      concurrent streaming clients over all streams (default {@value #DEFAULT_MAX_CLIENTS});
 *                        one more gets 503. The HTTP thread pool is sized from it.
 * @param writeTimeout    a client that accepts no bytes for this long is dropped (default 10 s)
 * @param snapshotTimeout how long {@code /jpg} waits for a frame before 503 (default 5 s)
 * @param tls             certificate and key: https only; empty = plain http (default)
 * @param allowedOrigins  origins whose pages may use the sender from another origin ({@code --allowed-origin}:
 *                        CORS, WHEP, {@code /set}); {@code "*"} = any; default none (the sender's own origin only)
 */
public record HttpConfig(String senderName, String host, int port, Optional<String> token, int quality,
                          int maxClients, Duration writeTimeout, Duration snapshotTimeout, Optional<TlsFiles> tls,
                          List<String> allowedOrigins) {

    public static final int DEFAULT_QUALITY = 80;
    public static final int DEFAULT_MAX_CLIENTS = 200;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SNAPSHOT_TIMEOUT = Duration.ofSeconds(5);

    public HttpConfig {
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(snapshotTimeout, "snapshotTimeout");
        Objects.requireNonNull(tls, "tls");
        allowedOrigins = List.copyOf(allowedOrigins);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MJPEG port " + port + " is out of range 0..65535 (0 = any free port)");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is out of range 1..100");
        }
        if (maxClients < 1 || maxClients > 10_000) {
            throw new IllegalArgumentException("MJPEG max clients " + maxClients + " is out of range 1..10000");
        }
        if (token.isPresent() && token.get().isEmpty()) {
            token = Optional.empty();
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero() || snapshotTimeout.isNegative() || snapshotTimeout.isZero()) {
            throw new IllegalArgumentException("MJPEG timeouts must be positive");
        }
    }

    /** Defaults for everything but the sender name, address, port and token. */
    public static HttpConfig of(String senderName, String host, int port, Optional<String> token) {
        return new HttpConfig(senderName, host, port, token, DEFAULT_QUALITY, DEFAULT_MAX_CLIENTS,
                DEFAULT_WRITE_TIMEOUT, DEFAULT_SNAPSHOT_TIMEOUT, Optional.empty(), List.of());
    }

    public HttpConfig withQuality(int newQuality) {
        return new HttpConfig(senderName, host, port, token, newQuality, maxClients, writeTimeout, snapshotTimeout, tls,
                allowedOrigins);
    }

    public HttpConfig withMaxClients(int newMaxClients) {
        return new HttpConfig(senderName, host, port, token, quality, newMaxClients, writeTimeout, snapshotTimeout, tls,
                allowedOrigins);
    }

    public HttpConfig withTls(Optional<TlsFiles> newTls) {
        return new HttpConfig(senderName, host, port, token, quality, maxClients, writeTimeout, snapshotTimeout, newTls,
                allowedOrigins);
    }

    public HttpConfig withAllowedOrigins(List<String> origins) {
        return new HttpConfig(senderName, host, port, token, quality, maxClients, writeTimeout, snapshotTimeout, tls, origins);
    }

    public HttpConfig withWriteTimeout(Duration newWriteTimeout) {
        return new HttpConfig(senderName, host, port, token, quality, maxClients, newWriteTimeout, snapshotTimeout, tls,
                allowedOrigins);
    }
}
