package dev.camrtc.sender.http;

import dev.camrtc.program.Errors;
import dev.camrtc.program.tls.TlsListener;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.hub.FrameHub;
import dev.camrtc.sender.metrics.SenderHealth;
import dev.camrtc.sender.metrics.SenderMetrics;
import dev.camrtc.sender.http.mjpeg.MjpegBroadcaster;
import dev.camrtc.sender.http.mjpeg.MjpegStreams;
import dev.camrtc.sender.http.mjpeg.StreamEndpoints;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a sender (PROTOCOL.md section 5, the legacy MJPEG URLs), on Javalin/Jetty:
 * {@code /} (page with an RGB / Stereo toggle), {@code /rgb.mjpg} {@code /color.mjpg} {@code /stream},
 * {@code /stereo.mjpg} {@code /infrared.mjpg}, {@code /<stream>.mjpg}, {@code /jpg?stream=}, {@code /set}.
 *
 * <p>Each streaming client holds one Jetty thread while it watches; the pool has
 * {@link HttpConfig#maxClients()} + {@value #SPARE_THREADS} threads, and client number
 * {@code maxClients + 1} gets 503. Frames are encoded once per stream by {@link MjpegBroadcaster}s on
 * {@value #ENCODER_THREADS} shared encoder threads, whatever the number of clients. Usage:
 * {@code try (SenderHttpServer s = SenderHttpServer.start(config, hub, hub.streams(), source.controls())) {...}};
 * close it before the hub and the source.
 */
public final class SenderHttpServer implements AutoCloseable, SenderMetrics.MjpegCounters {

    /** Threads beyond one per streaming client: Jetty's acceptor, selector and reserved threads, short requests. */
    static final int SPARE_THREADS = 24;
    /** JPEG encoding threads shared by all streams (each stream is encoded by one at a time). */
    static final int ENCODER_THREADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SenderHttpServer.class);

    private final HttpConfig config;
    private final MjpegStreams streams;
    private final StreamEndpoints endpoints;
    private final ExecutorService encoders;
    private final Javalin app;
    private volatile boolean closed;

    /** Prometheus text format 0.0.4. */
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private SenderHttpServer(HttpConfig config, FrameHub hub, List<StreamDescription> announced, CameraControls controls,
                             SenderMetrics metrics, List<SenderRoutes> routes) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.encoders = Executors.newFixedThreadPool(ENCODER_THREADS, r -> {
            Thread t = new Thread(r, "mjpeg-encoder-" + config.senderName() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.streams = new MjpegStreams(config.senderName(), hub, announced, config.quality(), encoders);
        this.endpoints = new StreamEndpoints(config.senderName(), streams, config.maxClients(), config.snapshotTimeout());
        ControlEndpoint control = new ControlEndpoint(config.senderName(), controls);
        OriginPolicy origins = new OriginPolicy(config.senderName(), config.allowedOrigins());
        Cors cors = new Cors(origins);
        AccessToken token = new AccessToken(config.token());
        String page = IndexPage.html(config.senderName(), streams.known());
        QueuedThreadPool pool = new QueuedThreadPool(config.maxClients() + SPARE_THREADS, 4, 60_000);
        pool.setName("mjpeg-http-" + config.senderName());
        pool.setDaemon(true);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.jetty.threadPool = pool;
            c.http.disableCompression();
            TlsListener.apply(c, config.host(), config.port(), config.tls());
            c.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(config.writeTimeout().toMillis());
                http.setSendServerVersion(false);
            });
        });
        app.before(cors::apply);
        app.before(ctx -> {
            if (!ctx.path().equals("/healthz")) { // probes (systemd, load balancers) carry no token; it tells no secret
                token.check(ctx);
            }
        });
        routes.forEach(r -> r.addTo(app, origins::check));
        app.get("/", ctx -> ctx.html(page));
        if (metrics != null) {
            app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TYPE).result(metrics.scrape()));
            app.get("/healthz", ctx -> {
                SenderHealth.Verdict v = metrics.health().check();
                ctx.status(v.healthy() ? 200 : 503).contentType("text/plain; charset=utf-8").result(v.reason() + "\n");
            });
        }
        app.get("/stream", ctx -> endpoints.stream(ctx, MjpegStreams.COLOR));
        app.get("/jpg", endpoints::snapshot);
        app.before("/set", origins::check);
        app.get("/set", control::handle);
        app.post("/set", control::handle);
        app.get("/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (file.endsWith(".mjpg")) {
                endpoints.stream(ctx, file.substring(0, file.length() - ".mjpg".length()));
            } else {
                ctx.status(404).json(Map.of("error", "no such page: /" + file, "streams", streams.known()));
            }
        });
    }

    /**
     * Starts serving on {@code config.host():config.port()} (port 0 = any free port).
     *
     * @param announced the streams to serve (normally {@code hub.streams()}); bgr8 and mono8 ones are served
     * @throws IllegalStateException when the port cannot be bound (the message names address and port)
     */
    public static SenderHttpServer start(HttpConfig config, FrameHub hub, List<StreamDescription> announced,
                                    CameraControls controls) {
        return start(config, hub, announced, controls, null, List.of());
    }

    /**
     * Like {@link #start(HttpConfig, FrameHub, List, CameraControls)}, also serving {@code /metrics} and
     * {@code /healthz} from {@code metrics} (null = neither, and the MJPEG counters are bound to it) and
     * {@code routes} (WHEP).
     */
    public static SenderHttpServer start(HttpConfig config, FrameHub hub, List<StreamDescription> announced,
                                    CameraControls controls, SenderMetrics metrics, List<SenderRoutes> routes) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(controls, "controls");
        SenderHttpServer server;
        try {
            server = new SenderHttpServer(config, hub, List.copyOf(announced), controls, metrics, List.copyOf(routes));
        } catch (RuntimeException e) { // the ssl-plugin reads the PEM files while Javalin is configured
            if (config.tls().isEmpty()) {
                throw e;
            }
            throw new IllegalStateException("sender " + config.senderName() + ": cannot use TLS certificate "
                    + config.tls().map(t -> t.cert() + " with key " + t.key()).orElse("") + ": " + Errors.rootMessage(e), e);
        }
        if (metrics != null) {
            metrics.bindMjpeg(server, server.streams.names());
        }
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("sender " + config.senderName() + ": cannot serve MJPEG on "
                    + config.host() + ":" + config.port() + ": " + Errors.rootMessage(e), e);
        }
        LOG.info("sender {}: MJPEG on {}://{}:{}/ (streams {}, quality {}, max {} clients{})", config.senderName(),
                config.tls().isPresent() ? "https" : "http", config.host(), server.port(), server.streams.known(),
                config.quality(), config.maxClients(),
                config.token().isPresent() ? ", token required" : "");
        return server;
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector bound && bound.getLocalPort() > 0) {
                return bound.getLocalPort();
            }
        }
        return app.port();
    }

    /** Streaming clients now, over all streams. */
    public int clientCount() {
        return endpoints.streamingClients();
    }

    /** Frames that streaming clients skipped because they were slower than the camera (clients that left). */
    public long framesSkipped() {
        return endpoints.skippedFrames();
    }

    /** Frames of {@code stream} encoded so far (once per frame, not per client); 0 for an unknown stream. */
    @Override
    public long framesEncoded(String stream) {
        return streams.find(stream).map(MjpegBroadcaster::framesEncoded).orElse(0L);
    }

    @Override
    public long encodeNanos(String stream) {
        return streams.find(stream).map(MjpegBroadcaster::encodeNanos).orElse(0L);
    }

    @Override
    public long framesSent(String stream) {
        return streams.find(stream).map(MjpegBroadcaster::framesSent).orElse(0L);
    }

    @Override
    public long framesSkipped(String stream) {
        return streams.find(stream).map(MjpegBroadcaster::framesSkipped).orElse(0L);
    }

    @Override
    public int clients() {
        return clientCount();
    }

    /** Mean JPEG encoding time of {@code stream} so far, in milliseconds (NaN before the first frame). */
    public double meanEncodeMillis(String stream) {
        return streams.find(stream).map(b -> b.encodeNanos() / 1e6 / b.framesEncoded()).orElse(Double.NaN);
    }

    /** Stops accepting, ends every client, stops encoding. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            app.stop();
        } finally {
            encoders.shutdown();
            try {
                if (!encoders.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("sender {}: MJPEG encoders did not stop within 5 s", config.senderName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (MjpegBroadcaster b : streams.all()) {
                b.close();
            }
            LOG.info("sender {}: MJPEG server stopped", config.senderName());
        }
    }
}
