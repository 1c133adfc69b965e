package dev.camrtc.server;

import dev.camrtc.protocol.IceServer;
import dev.camrtc.server.connection.PeerLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the signaling server, with every default in one place (the picocli options of
 * {@link ServerOptions} take their defaults from the constants below).
 *
 * @param host            interface to listen on
 * @param port            TCP port; 0 picks a free one (tests)
 * @param token           access token for {@code /ws/*}, {@code /api/*} and {@code /metrics} with every
 *                        permission; null = none (open, unless {@code tokensFile} is set)
 * @param tokensFile      YAML/JSON file of tokens and their permissions ({@link dev.camrtc.server.access.TokenFile}),
 *                        re-read when it changes; null = none
 * @param allowedOrigins  browser origins allowed to open a WebSocket besides the server's own ({@code *} = any)
 * @param maxQueuedBytes  bytes of messages waiting to be written to one peer beyond which it is closed (1008)
 * @param tlsCert         PEM certificate chain; with {@code tlsKey}, the server speaks only https/wss
 * @param tlsKey          PEM private key (unencrypted PKCS#8 or PKCS#1)
 * @param iceServers      STUN/TURN servers sent in {@code registered}; empty by default, never a public one
 * @param turnSecret      coturn {@code static-auth-secret}; when set, every {@code turn:}/{@code turns:} entry
 *                        without a username gets TURN REST credentials (username {@code <expiry>:<id>})
 * @param turnTtl         lifetime of TURN REST credentials
 * @param pingInterval    the server pings every peer this often
 * @param idleTimeout     a peer with no frame at all (pongs count) for this long is dropped
 * @param rateLimit       sustained messages per second accepted per connection
 * @param rateBurst       burst of messages accepted per connection
 * @param maxConnections  cap on open WebSocket connections (both roles together)
 * @param shutdownGrace   how long a shutdown waits for close frames to reach the peers
 * @param redis           {@code redis://host:port[/db]}: this instance is one of a cluster (docs/signaling-server.md); null = alone
 */
public record ServerConfig(
        String host,
        int port,
        String token,
        Path tokensFile,
        List<String> allowedOrigins,
        int maxQueuedBytes,
        Path tlsCert,
        Path tlsKey,
        List<IceServer> iceServers,
        String turnSecret,
        Duration turnTtl,
        Duration pingInterval,
        Duration idleTimeout,
        int rateLimit,
        int rateBurst,
        int maxConnections,
        Duration shutdownGrace,
        String redis) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    /** coturn's usual TURN REST lifetime: one day. */
    public static final String DEFAULT_TURN_TTL = "24h";
    /** PROTOCOL.md 1: the server pings every 10 s. */
    public static final String DEFAULT_PING_INTERVAL = "10s";
    /** PROTOCOL.md 1: a peer with no activity for 30 s is dropped. */
    public static final String DEFAULT_IDLE_TIMEOUT = "30s";
    /** PROTOCOL.md 1: at least 100 messages/s sustained... */
    public static final int DEFAULT_RATE_LIMIT = 100;
    /** ...with bursts of 200 per connection. */
    public static final int DEFAULT_RATE_BURST = 200;
    /** Room for the 10,000-connection target of the benchmark, with headroom. */
    public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
    public static final String DEFAULT_SHUTDOWN_GRACE = "2s";
    /**
     * Bytes waiting to be written to one peer before it counts as not reading: 4 MiB, room for 16
     * maximum-size messages, or thousands of ordinary ones.
     */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;
    /** PROTOCOL.md 1: largest message, in bytes of UTF-8 text; not configurable ({@link PeerLimits#MAX_MESSAGE_BYTES}). */
    public static final int MAX_MESSAGE_BYTES = PeerLimits.MAX_MESSAGE_BYTES;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedOrigins.forEach(dev.camrtc.server.access.OriginPolicy::validate);
        if (maxQueuedBytes < MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("max queued bytes must be at least one maximum-size message ("
                    + MAX_MESSAGE_BYTES + "), not " + maxQueuedBytes);
        }
        Objects.requireNonNull(turnTtl, "turnTtl");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        if (turnSecret != null && turnSecret.isEmpty()) {
            throw new IllegalArgumentException("TURN secret must not be empty");
        }
        requirePositive(turnTtl, "TURN credential lifetime");
        requirePositive(pingInterval, "ping interval");
        requirePositive(idleTimeout, "idle timeout");
        if (rateLimit < 1 || rateBurst < 1) {
            throw new IllegalArgumentException("rate limit and burst must be at least 1");
        }
        if (redis != null && !redis.startsWith("redis://")) {
            throw new IllegalArgumentException("--redis takes redis://host:port[/db], not " + redis);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1");
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
    }

    /** The limits every connection gets. */
    public PeerLimits peerLimits() {
        return new PeerLimits(rateLimit, rateBurst, maxQueuedBytes);
    }

    /** True when the server speaks https/wss. */
    public boolean tls() {
        return tlsCert != null;
    }

    /** The defaults: {@code 0.0.0.0:8080}, no token, no TLS, no ICE servers. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.token = token;
        b.tokensFile = tokensFile;
        b.allowedOrigins = allowedOrigins;
        b.maxQueuedBytes = maxQueuedBytes;
        b.tlsCert = tlsCert;
        b.tlsKey = tlsKey;
        b.iceServers = iceServers;
        b.turnSecret = turnSecret;
        b.turnTtl = turnTtl;
        b.pingInterval = pingInterval;
        b.idleTimeout = idleTimeout;
        b.rateLimit = rateLimit;
        b.rateBurst = rateBurst;
        b.maxConnections = maxConnections;
        b.shutdownGrace = shutdownGrace;
        b.redis = redis;
        return b;
    }

    /** Builds a {@link ServerConfig}; starts from the defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String token;
        private Path tokensFile;
        private List<String> allowedOrigins = List.of();
        private int maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private Path tlsCert;
        private Path tlsKey;
        private List<IceServer> iceServers = List.of();
        private String turnSecret;
        private Duration turnTtl = DurationParser.parse(DEFAULT_TURN_TTL);
        private Duration pingInterval = DurationParser.parse(DEFAULT_PING_INTERVAL);
        private Duration idleTimeout = DurationParser.parse(DEFAULT_IDLE_TIMEOUT);
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private int rateBurst = DEFAULT_RATE_BURST;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration shutdownGrace = DurationParser.parse(DEFAULT_SHUTDOWN_GRACE);
        private String redis;

        private Builder() {
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder token(String v) { token = v; return this; }
        public Builder tokensFile(Path v) { tokensFile = v; return this; }
        public Builder allowedOrigins(List<String> v) { allowedOrigins = v; return this; }
        public Builder maxQueuedBytes(int v) { maxQueuedBytes = v; return this; }
        public Builder tls(Path cert, Path key) { tlsCert = cert; tlsKey = key; return this; }
        public Builder iceServers(List<IceServer> v) { iceServers = v; return this; }
        public Builder turnSecret(String v) { turnSecret = v; return this; }
        public Builder turnTtl(Duration v) { turnTtl = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder rateLimit(int perSecond, int burst) { rateLimit = perSecond; rateBurst = burst; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
        public Builder redis(String v) { redis = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, token, tokensFile, allowedOrigins, maxQueuedBytes, tlsCert, tlsKey, iceServers, turnSecret, turnTtl,
                    pingInterval, idleTimeout, rateLimit, rateBurst, maxConnections, shutdownGrace, redis);
        }
    }
}
