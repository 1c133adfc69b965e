package dev.camrtc.server;

import dev.camrtc.program.Errors;
import dev.camrtc.protocol.Role;
import dev.camrtc.server.access.AccessGuard;
import dev.camrtc.server.access.OriginPolicy;
import dev.camrtc.server.access.TokenReloader;
import dev.camrtc.server.cluster.Cluster;
import dev.camrtc.server.cluster.RedisCluster;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Liveness;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.http.HttpRoutes;
import dev.camrtc.server.http.ViewerRoute;
import dev.camrtc.server.ice.IceServerProvider;
import dev.camrtc.server.ice.TurnRestCredentials;
import dev.camrtc.server.metrics.SignalingMetrics;
import dev.camrtc.server.relay.ErrorReporter;
import dev.camrtc.server.relay.MessageRouter;
import dev.camrtc.server.relay.Relay;
import dev.camrtc.server.ws.SignalingEndpoint;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling server (PROTOCOL.md 1-4), in-process: {@code start(config)} listens, {@code close()}
 * sends every peer a close frame (1001) and stops. Other modules' tests start it with
 * {@code SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build())}.
 */
public final class SignalingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalingServer.class);
    /** How long a peer closed for not reading has to complete the close handshake before its TCP connection is dropped. */
    public static final int OVERFLOW_CLOSE_GRACE_SECONDS = 5;
    private static final Duration OVERFLOW_CLOSE_GRACE = Duration.ofSeconds(OVERFLOW_CLOSE_GRACE_SECONDS);

    private final ServerConfig config;
    private final ConnectionRegistry registry;
    private final DirectoryFeed directory = new DirectoryFeed(this::schedule);
    private final SignalingMetrics metrics;
    private final SignalingEndpoint endpoint;
    private final Liveness liveness;
    private final TokenReloader tokens;
    private final Cluster cluster;
    private final Javalin app;
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();

    private SignalingServer(ServerConfig config) {
        this.config = config;
        this.registry = new ConnectionRegistry(config.maxConnections());
        this.metrics = new SignalingMetrics(registry::count);
        AccessGuard guard = AccessGuard.single(config.token());
        ErrorReporter errors = new ErrorReporter(metrics);
        this.cluster = config.redis() == null ? Cluster.NONE : RedisCluster.join(config.redis(), registry, directory, metrics);
        directory.shareWith(cluster);
        MessageRouter router = new MessageRouter(directory, new Relay(registry, errors, metrics, cluster), errors, metrics, guard);
        TurnRestCredentials turnRest = config.turnSecret() == null ? null
                : new TurnRestCredentials(config.turnSecret(), config.turnTtl(), Clock.systemUTC());
        this.endpoint = new SignalingEndpoint(new OriginPolicy(config.allowedOrigins(), config.tls()),
                config.peerLimits(), guard, registry, directory, new IceServerProvider(config.iceServers(), turnRest),
                router, metrics, accepting::get, this::overflowed, cluster);
        this.app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            TlsSetup.apply(javalin, config);
            WebSocketLimits.apply(javalin, config);
            ViewerRoute.configure(javalin);
        });
        ViewerRoute.register(app);
        HttpRoutes.register(app, guard, directory, metrics, accepting::get);
        endpoint.register(app);
        this.liveness = new Liveness(registry, config.pingInterval(), config.idleTimeout(), this::dropIdle);
        this.tokens = config.tokensFile() == null ? null : new TokenReloader(config.tokensFile(), guard, table -> {
            int closed = endpoint.review(directory::nameOf);
            if (closed > 0) {
                metrics.closed("permission_withdrawn", closed);
            }
        });
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @throws IllegalStateException when it cannot listen (port in use, unreadable TLS files, ...)
     */
    public static SignalingServer start(ServerConfig config) {
        SignalingServer server;
        try {
            server = new SignalingServer(config);
        } catch (RuntimeException e) { // the ssl-plugin reads the PEM files while Javalin is configured
            throw new IllegalStateException("cannot start the signaling server: "
                    + (config.tls() ? "cannot use TLS certificate " + config.tlsCert() + " with key " + config.tlsKey() + ": " : "")
                    + Errors.rootMessage(e), e);
        }
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.cluster.close();
            server.liveness.close();
            if (server.tokens != null) {
                server.tokens.close();
            }
            server.app.stop();
            throw new IllegalStateException("cannot start the signaling server on " + config.host() + ":"
                    + config.port() + ": " + Errors.rootMessage(e), e);
        }
        LOG.info("signaling server listening on {} (token {}, tokens file {}, {} ICE server(s){})",
                listeningOn(config.tls(), config.host(), server.port()),
                config.token() == null ? "off" : "on", config.tokensFile() == null ? "none" : config.tokensFile(),
                config.iceServers().size(),
                config.turnSecret() == null ? "" : ", TURN REST credentials");
        return server;
    }

    /** The port it listens on (the real one when the config said 0). */
    public int port() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server && server.getLocalPort() > 0) {
                return server.getLocalPort();
            }
        }
        return app.port();
    }

    /**
     * What the start-up line says: the address actually bound, e.g. {@code http://127.0.0.1:8080/}, or
     * {@code http://0.0.0.0:8080/ (every interface)} for a wildcard host.
     */
    static String listeningOn(boolean tls, String host, int port) {
        boolean every = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (tls ? "https" : "http") + "://" + bracketed + ":" + port + "/" + (every ? " (every interface)" : "");
    }

    /** {@code http(s)://host:port/}, with {@code 127.0.0.1} when listening on every interface. */
    public URI httpUri() {
        return URI.create((config.tls() ? "https" : "http") + "://" + reachableHost() + ":" + port() + "/");
    }

    /** {@code ws(s)://host:port/ws/sender} or {@code .../ws/receiver}. */
    public URI wsUri(Role role) {
        return URI.create((config.tls() ? "wss" : "ws") + "://" + reachableHost() + ":" + port() + role.path());
    }

    public ServerConfig config() {
        return config;
    }

    public SignalingMetrics metrics() {
        return metrics;
    }

    /** The cluster this instance belongs to ({@link Cluster#NONE} without {@code --redis}). */
    public Cluster cluster() {
        return cluster;
    }

    /** Open WebSocket connections. */
    public int openConnections() {
        return registry.size();
    }

    /**
     * Entries the server holds for connections (registry maps, directory entries, directory subscribers):
     * 0 once every connection has ended.
     */
    public int heldEntries() {
        return registry.heldEntries() + directory.heldEntries();
    }

    private String reachableHost() {
        String host = config.host();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * A peer with more than {@code maxQueuedBytes} waiting to be written does not read: nothing more is
     * queued for it, it gets a close frame (1008) after what is already queued, and its TCP connection is
     * dropped when the close handshake has not completed within {@link #OVERFLOW_CLOSE_GRACE_SECONDS}. Runs on the
     * liveness thread, never on the thread that was sending (which may hold the directory lock).
     */
    private void overflowed(Peer peer) {
        liveness.schedule(() -> {
            metrics.closed("queue_overflow", 1);
            LOG.warn("{} does not read its messages (over {} bytes waiting); closing it (1008)", peer.id(),
                    config.maxQueuedBytes());
            peer.close(1008, "not reading: over " + config.maxQueuedBytes() + " bytes waiting");
            liveness.schedule(peer::disconnect, OVERFLOW_CLOSE_GRACE);
        }, Duration.ZERO);
    }

    /** Runs {@code task} after {@code delay} on the liveness thread (directory flushes, overflow closes). */
    private void schedule(Runnable task, Duration delay) {
        liveness.schedule(task, delay);
    }

    private void dropIdle(Peer peer) {
        String silence = "no activity for " + config.idleTimeout().toMillis() + " ms";
        peer.close(1001, silence);
        endpoint.end(peer, "dropped: " + silence);
        liveness.schedule(peer::disconnect, Duration.ofSeconds(1));
    }

    /** Graceful stop: every peer gets a close frame (1001), then the listener closes. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        accepting.set(false);
        cluster.close();
        List<Peer> peers = List.copyOf(registry.all());
        LOG.info("shutting down: closing {} connection(s)", peers.size());
        for (Peer peer : peers) {
            peer.close(1001, "server shutting down");
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Peer peer : List.copyOf(registry.all())) {
            endpoint.end(peer, "server shut down");
        }
        liveness.close();
        if (tokens != null) {
            tokens.close();
        }
        app.stop();
        LOG.info("signaling server stopped");
    }
}
