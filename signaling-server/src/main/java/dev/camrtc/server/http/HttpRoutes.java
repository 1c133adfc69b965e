package dev.camrtc.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.server.access.AccessGuard;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.metrics.SignalingMetrics;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.function.BooleanSupplier;

/**
 * The HTTP side of PROTOCOL.md 4: {@code /api/senders}, {@code /healthz}, {@code /metrics}
 * ({@code /} is {@link ViewerRoute}).
 */
public final class HttpRoutes {

    /** Prometheus text format 0.0.4. */
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private HttpRoutes() {
    }

    /** @param accepting false once shutdown began: {@code /healthz} then answers 503 */
    public static void register(Javalin app, AccessGuard guard, DirectoryFeed directory, SignalingMetrics metrics,
                                BooleanSupplier accepting) {
        app.before("/api/*", guard::require);
        app.before("/metrics", guard::require);
        app.get("/api/senders", ctx -> ctx.contentType("application/json").result(sendersJson(directory)));
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TYPE).result(metrics.scrape()));
        app.get("/healthz", ctx -> {
            if (accepting.getAsBoolean()) {
                ctx.contentType("text/plain").result("ok");
            } else {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain").result("shutting down");
            }
        });
    }

    /** The JSON array of {@code GET /api/senders}: the {@code sender} objects without {@code type}. */
    static String sendersJson(DirectoryFeed directory) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (SenderInfo info : directory.snapshot()) {
            ObjectNode entry = MessageCodec.toTree(info);
            entry.remove("type");
            array.add(entry);
        }
        return MessageCodec.encode(array);
    }
}
