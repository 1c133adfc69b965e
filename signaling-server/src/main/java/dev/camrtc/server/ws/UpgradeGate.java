package dev.camrtc.server.ws;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.access.AccessGuard;
import dev.camrtc.server.access.Grant;
import dev.camrtc.server.access.OriginPolicy;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.directory.SenderName;
import dev.camrtc.server.metrics.SignalingMetrics;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a WebSocket upgrade request before the upgrade (PROTOCOL.md 1): a browser page from another
 * origin (403, {@link OriginPolicy}), an unknown access token (401),
 * a token without the permission for the endpoint or the sender name (403), a sender's {@code name} (400),
 * the connection cap and shutdown (503).
 */
final class UpgradeGate {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeGate.class);

    private final AccessGuard guard;
    private final OriginPolicy origins;
    private final ConnectionRegistry registry;
    private final SignalingMetrics metrics;
    private final BooleanSupplier accepting;

    UpgradeGate(AccessGuard guard, OriginPolicy origins, ConnectionRegistry registry, SignalingMetrics metrics,
                BooleanSupplier accepting) {
        this.guard = guard;
        this.origins = origins;
        this.registry = registry;
        this.metrics = metrics;
        this.accepting = accepting;
    }

    void check(Context ctx, Role role) {
        if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
            refuse(ctx, "origin", HttpStatus.FORBIDDEN);
            throw new ForbiddenResponse("pages from " + ctx.header("Origin")
                    + " may not connect to this server (see --allowed-origin)");
        }
        Grant grant = guard.grantOf(ctx);
        if (grant == null) {
            refuse(ctx, "unauthorized", HttpStatus.UNAUTHORIZED);
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("a valid access token is required (?token= or Authorization: Bearer)");
        }
        String name = role == Role.SENDER ? ctx.queryParam("name") : null;
        if (name != null && !SenderName.isValid(name)) {
            refuse(ctx, "bad_name", HttpStatus.BAD_REQUEST);
            throw new BadRequestResponse("query parameter 'name' must be 1..64 ASCII letters, digits, '-', '_' or '.'");
        }
        String denied = denial(grant, role, name);
        if (denied != null) {
            refuse(ctx, "forbidden", HttpStatus.FORBIDDEN);
            throw new ForbiddenResponse(denied);
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

    /** Why {@code grant} may not connect as {@code role} (sender named {@code name}, null = default name), or null. */
    String denial(Grant grant, Role role, String name) {
        if (role == Role.RECEIVER) {
            return grant.view() ? null : "this token may not view (connect to /ws/receiver)";
        }
        if (!grant.publish()) {
            return "this token may not publish (connect to /ws/sender)";
        }
        if (name == null) {
            return grant.names().isEmpty() ? null
                    : "this token publishes only under names matching " + grant.names() + "; give ?name=";
        }
        return guard.table().mayPublishAs(grant, name) ? null
                : grant.names().isEmpty() ? "the name '" + name + "' is reserved for another token"
                : "this token publishes only under names matching " + grant.names();
    }

    private void refuse(Context ctx, String reason, HttpStatus status) {
        metrics.refused(reason);
        LOG.info("refused {} upgrade from {}: {} ({})", ctx.path(), ctx.ip(), reason, status.getCode());
    }
}
