package dev.camrtc.ros.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's small HTTP port (the JDK's server, one thread): {@code GET /metrics} (Prometheus text) and
 * {@code GET /healthz} (200 or 503 with one line, see {@link Health}). Anything else is 404, other methods 405.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code settings}' host and port and serves {@code metrics}; IllegalStateException when it cannot. */
    public static MetricsServer start(MetricsSettings settings, ReceiverMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e); // an expected condition (port in use): one line, exit 1
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ros-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> answer(ex, "/metrics", 200,
                "text/plain; version=0.0.4; charset=utf-8", () -> metrics.scrape()));
        server.createContext("/healthz", ex -> {
            Health h = Health.of(metrics, System.currentTimeMillis());
            answer(ex, "/healthz", h.healthy() ? 200 : 503, "text/plain; charset=utf-8", () -> h.reason() + "\n");
        });
        server.start();
        InetSocketAddress bound = server.getAddress();
        LOG.info("metrics on http://{}:{}/metrics and /healthz", bound.getHostString(), bound.getPort());
        return new MetricsServer(server, executor);
    }

    private static void answer(HttpExchange ex, String path, int status, String type,
                               java.util.function.Supplier<String> body) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(path)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The port bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
