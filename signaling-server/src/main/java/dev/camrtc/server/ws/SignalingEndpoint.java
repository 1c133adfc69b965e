package dev.camrtc.server.ws;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.access.AccessGuard;
import dev.camrtc.server.access.Grant;
import dev.camrtc.server.access.OriginPolicy;
import dev.camrtc.server.cluster.Cluster;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.connection.PeerIds;
import dev.camrtc.server.connection.PeerLimits;
import dev.camrtc.server.connection.RateLimiter;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.directory.SenderName;
import dev.camrtc.server.ice.IceServerProvider;
import dev.camrtc.server.metrics.SignalingMetrics;
import dev.camrtc.server.relay.MessageRouter;
import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two WebSocket endpoints, {@code /ws/sender} and {@code /ws/receiver} (PROTOCOL.md 1): the path
 * decides the role. Wires Javalin's events to {@link UpgradeGate}, {@link PeerLifecycle} and
 * {@link MessageRouter}.
 */
public final class SignalingEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);

    private final PeerLimits limits;
    private final ConnectionRegistry registry;
    private final PeerIds ids;
    private final UpgradeGate gate;
    private final PeerLifecycle lifecycle;
    private final MessageRouter router;
    private final AccessGuard guard;
    private final Consumer<Peer> onOverflow;

    public SignalingEndpoint(OriginPolicy origins, PeerLimits limits, AccessGuard guard, ConnectionRegistry registry,
                             DirectoryFeed directory, IceServerProvider iceServers, MessageRouter router,
                             SignalingMetrics metrics, BooleanSupplier accepting, Consumer<Peer> onOverflow,
                             Cluster cluster) {
        this.ids = new PeerIds(cluster.idTag());
        this.onOverflow = onOverflow;
        this.limits = limits;
        this.registry = registry;
        this.gate = new UpgradeGate(guard, origins, registry, metrics,
                accepting);
        this.lifecycle = new PeerLifecycle(registry, directory, iceServers, metrics, accepting, cluster);
        this.router = router;
        this.guard = guard;
    }

    public void register(Javalin app) {
        for (Role role : Role.values()) {
            app.wsBeforeUpgrade(role.path(), ctx -> gate.check(ctx, role));
            app.ws(role.path(), ws -> handlers(ws, role));
        }
    }

    /**
     * After the tokens changed: closes (1008) every connection whose token is gone or no longer allows
     * its role or its sender name; the others go on untouched. Returns how many were closed.
     */
    public int review(Function<String, String> senderName) {
        int closed = 0;
        for (Peer peer : registry.all()) {
            Grant grant = guard.table().grant(peer.accessKey());
            String denied = grant == null ? "access token withdrawn"
                    : gate.denial(grant, peer.role(), peer.role() == Role.SENDER ? senderName.apply(peer.id()) : null);
            if (denied != null && peer.isOpen()) {
                LOG.info("{} closed after the tokens changed: {}", peer.id(), denied);
                peer.close(1008, denied);
                closed++;
            }
        }
        return closed;
    }

    /** Ends the state of {@code peer} (idle drop, shutdown); its close callback later finds nothing to do. */
    public void end(Peer peer, String why) {
        lifecycle.leave(peer, why);
    }

    private void handlers(WsConfig ws, Role role) {
        ws.onConnect(ctx -> connect(ctx, role));
        ws.onMessage(ctx -> {
            long now = System.nanoTime();
            Peer peer = registry.bySession(ctx.sessionId());
            if (peer != null) {
                router.onText(peer, ctx.message(), now);
            }
        });
        ws.onBinaryMessage(ctx -> {
            long now = System.nanoTime();
            Peer peer = registry.bySession(ctx.sessionId());
            if (peer != null) {
                router.onBinary(peer, now);
            }
        });
        ws.onClose(ctx -> {
            Peer peer = registry.bySession(ctx.sessionId());
            if (peer != null) {
                lifecycle.leave(peer, "closed " + ctx.status() + (ctx.reason() == null || ctx.reason().isEmpty()
                        ? "" : " (" + ctx.reason() + ")"));
            }
        });
        ws.onError(ctx -> {
            Peer peer = registry.bySession(ctx.sessionId());
            Throwable error = ctx.error();
            LOG.debug("{}: {}", peer == null ? ctx.sessionId() : peer.id(), error == null ? "error" : error.toString());
        });
    }

    private void connect(WsConnectContext ctx, Role role) {
        long now = System.nanoTime();
        String id = ids.next(role);
        String name = role == Role.SENDER ? ctx.queryParam("name") : null;
        if (role == Role.SENDER && name == null) {
            name = SenderName.defaultFor(id);
        }
        String accessKey = guard.keyOf(ctx.queryParam("token"), ctx.header("Authorization"));
        Peer peer = new Peer(id, role, ctx.sessionId(), ctx.session,
                new RateLimiter(limits.rateLimit(), limits.rateBurst(), now), accessKey,
                limits.maxQueuedBytes(), onOverflow, now);
        Grant grant = guard.table().grant(accessKey);
        String denied = grant == null ? "access token withdrawn" : gate.denial(grant, role, role == Role.SENDER ? name : null);
        if (denied != null) { // the tokens changed between the upgrade check and now
            LOG.info("{} closed on connect: {}", id, denied);
            peer.close(1008, denied);
            return;
        }
        lifecycle.join(peer, name, grant, remote(ctx));
    }

    private static String remote(WsContext ctx) {
        Object address = ctx.session.getRemoteAddress();
        return address == null ? "?" : address.toString().replaceFirst("^/", "");
    }
}
