package dev.camrtc.server.ws;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.access.AccessGuard;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.directory.SenderName;
import dev.camrtc.server.metrics.SignalingMetrics;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a WebSocket upgrade request before the upgrade (PROTOCOL.md 1): the access token (401), a
 * sender's {@code name} (400), the connection cap and shutdown (503).
 */
final class UpgradeGate {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeGate.class);

    private final AccessGuard guard;
    private final ConnectionRegistry registry;
    private final SignalingMetrics metrics;
    private final BooleanSupplier accepting;

    UpgradeGate(AccessGuard guard, ConnectionRegistry registry, SignalingMetrics metrics, BooleanSupplier accepting) {
        this.guard = guard;
        this.registry = registry;
        this.metrics = metrics;
        this.accepting = accepting;
    }

    void check(Context ctx, Role role) {
        if (!guard.allows(ctx)) {
            refuse(ctx, "unauthorized", HttpStatus.UNAUTHORIZED);
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("a valid access token is required (?token= or Authorization: Bearer)");
        }
        if (role == Role.SENDER) {
            String name = ctx.queryParam("name");
            if (name != null && !SenderName.isValid(name)) {
                refuse(ctx, "bad_name", HttpStatus.BAD_REQUEST);
                throw new BadRequestResponse("query parameter 'name' must be 1..64 ASCII letters, digits, '-', '_' or '.'");
            }
        }
        if (!accepting.getAsBoolean()) {
            refuse(ctx, "shutting_down", HttpStatus.SERVICE_UNAVAILABLE);
            throw new ServiceUnavailableResponse("the server is shutting down");
        }
        if (!registry.hasRoom()) {
            refuse(ctx, "capacity", HttpStatus.SERVICE_UNAVAILABLE);
            throw new ServiceUnavailableResponse("the server has reached its connection limit");
        }
    }

    private void refuse(Context ctx, String reason, HttpStatus status) {
        metrics.refused(reason);
        LOG.info("refused {} upgrade from {}: {} ({})", ctx.path(), ctx.ip(), reason, status.getCode());
    }
}
