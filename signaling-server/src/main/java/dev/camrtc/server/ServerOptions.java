package dev.camrtc.server;

import dev.camrtc.program.tls.TlsFiles;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.server.access.TokenFile;
import dev.camrtc.server.ice.IceServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The command line of the signaling server; every default comes from {@link ServerConfig}. */
@Command(name = "signaling-server", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        version = "camrtc signaling server, protocol 1",
        description = "Directory of camera senders and WebRTC offer/answer/candidate relay (PROTOCOL.md).")
public final class ServerOptions {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Interface to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "TCP port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token required on /ws/*, /api/* and /metrics (?token= or Authorization: Bearer), "
                    + "with every permission. Default: none (open, unless --tokens is given).")
    String token;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "YAML (or .json) file of tokens, each with publish (true or name globs it reserves), "
                    + "view and control permissions (docs/signaling-server.md); re-read when it changes. "
                    + "Default: none.")
    Path tokensFile;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "Browser origin (scheme://host[:port]) whose pages may open a WebSocket besides the server's "
                    + "own; repeatable; * = any. Requests without Origin (non-browser peers) are not affected. "
                    + "Default: none (the server's own origin only).")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "PEM certificate chain; with --tls-key the server speaks https/wss only. Default: none (plain http/ws).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "PEM private key for --tls-cert. Default: none.")
    Path tlsKey;

    @Option(names = "--ice-server", paramLabel = "SPEC",
            description = "STUN/TURN server sent to peers in 'registered'; repeatable. Either comma-separated URLs "
                    + "of one server (turn:turn.lab:3478?transport=udp,turn:turn.lab:3478?transport=tcp) or "
                    + "RTCIceServer JSON ({\"urls\":[...],\"username\":\"u\",\"credential\":\"p\"}). "
                    + "Default: none (no public STUN server is ever added).")
    List<String> iceServers = new ArrayList<>();

    @Option(names = "--turn-secret", paramLabel = "SECRET",
            description = "coturn static-auth-secret (use-auth-secret): TURN entries without a username get "
                    + "TURN REST credentials, username <expiry>:<peer id>, password base64(HMAC-SHA1(secret, username)). "
                    + "Default: none.")
    String turnSecret;

    @Option(names = "--turn-ttl", paramLabel = "DURATION", defaultValue = ServerConfig.DEFAULT_TURN_TTL,
            converter = DurationConverter.class,
            description = "Lifetime of TURN REST credentials. Default: ${DEFAULT-VALUE}.")
    Duration turnTtl;

    @Option(names = "--ping-interval", paramLabel = "DURATION", defaultValue = ServerConfig.DEFAULT_PING_INTERVAL,
            converter = DurationConverter.class,
            description = "How often the server pings every peer. Default: ${DEFAULT-VALUE}.")
    Duration pingInterval;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = ServerConfig.DEFAULT_IDLE_TIMEOUT,
            converter = DurationConverter.class,
            description = "A peer with no frame at all (pongs count) for this long is dropped. Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_RATE_LIMIT,
            description = "Messages per second accepted per connection, sustained. Default: ${DEFAULT-VALUE}.")
    int rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_RATE_BURST,
            description = "Burst of messages accepted per connection. Default: ${DEFAULT-VALUE}.")
    int rateBurst;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
            description = "Cap on open WebSocket connections, both roles together. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-queued-bytes", paramLabel = "BYTES", defaultValue = "" + ServerConfig.DEFAULT_MAX_QUEUED_BYTES,
            description = "Bytes of messages waiting to be written to one peer beyond which it counts as not reading: "
                    + "it gets a close frame 1008 after what is queued and is dropped "
                    + SignalingServer.OVERFLOW_CLOSE_GRACE_SECONDS + " s later if it does not answer it. Default: ${DEFAULT-VALUE}.")
    int maxQueuedBytes;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = ServerConfig.DEFAULT_SHUTDOWN_GRACE,
            converter = DurationConverter.class,
            description = "On SIGTERM, how long to wait for close frames to reach the peers. Default: ${DEFAULT-VALUE}.")
    Duration shutdownGrace;

    @Option(names = "--redis", paramLabel = "URI",
            description = "redis://host:port[/db]: run as one instance of a cluster that shares the sender directory "
                    + "and relays across instances through this Redis (docs/signaling-server.md, Cluster). "
                    + "Default: none (one instance, no external service).")
    String redis;

    /**
     * The configuration these options describe.
     *
     * @throws IllegalArgumentException with a one-line reason for a bad combination or an unreadable file
     */
    public ServerConfig toConfig() {
        List<IceServer> ice = new ArrayList<>();
        for (String spec : iceServers) {
            ice.add(IceServerSpec.parse(spec));
        }
        TlsFiles.fromOptions(tlsCert, tlsKey);
        requireReadable(tokensFile, "--tokens");
        if (tokensFile != null) {
            TokenFile.read(tokensFile); // a bad file stops the start with its reason
        }
        if (turnSecret != null && ice.stream().noneMatch(IceServerSpec::isTurn)) {
            throw new IllegalArgumentException("--turn-secret needs at least one --ice-server with a turn: or turns: URL");
        }
        return ServerConfig.builder()
                .host(host).port(port).token(token).tokensFile(tokensFile).allowedOrigins(allowedOrigins).tls(tlsCert, tlsKey)
                .iceServers(ice).turnSecret(turnSecret).turnTtl(turnTtl)
                .pingInterval(pingInterval).idleTimeout(idleTimeout)
                .rateLimit(rateLimit, rateBurst).maxConnections(maxConnections).maxQueuedBytes(maxQueuedBytes).shutdownGrace(shutdownGrace)
                .redis(redis)
                .build();
    }

    private static void requireReadable(Path file, String option) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file");
        }
    }

    /** picocli converter for {@link DurationParser} forms. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationParser.parse(value);
        }
    }
}
