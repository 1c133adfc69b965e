package dev.camrtc.server.ws;

import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.Role;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.access.Grant;
import dev.camrtc.server.cluster.Cluster;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.ice.IceServerProvider;
import dev.camrtc.server.metrics.SignalingMetrics;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a connection starts and ends: {@code registered} first, then the directory
 * (PROTOCOL.md 3.1, 3.2); at the end, {@code sender_left} or {@code receiver_left} (3.5) and every piece
 * of state of the connection freed — once, however the connection ended.
 *
 * <p>While the server shuts down, nobody is told that anybody left: every peer is being disconnected
 * anyway, and the peer-to-peer media sessions between them must outlive a server restart (the peers
 * reconnect and carry on), so a {@code receiver_left} or {@code sender_left} would wrongly end them.
 */
final class PeerLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLifecycle.class);

    private final ConnectionRegistry registry;
    private final DirectoryFeed directory;
    private final IceServerProvider iceServers;
    private final SignalingMetrics metrics;
    private final BooleanSupplier accepting;
    private final Cluster cluster;

    PeerLifecycle(ConnectionRegistry registry, DirectoryFeed directory, IceServerProvider iceServers,
                  SignalingMetrics metrics, BooleanSupplier accepting, Cluster cluster) {
        this.cluster = cluster;
        this.registry = registry;
        this.directory = directory;
        this.iceServers = iceServers;
        this.metrics = metrics;
        this.accepting = accepting;
    }

    /** Registers a new connection; false (and the connection closed) when the cap is reached. */
    boolean join(Peer peer, String senderName, Grant grant, String remote) {
        if (!registry.add(peer)) {
            metrics.refused("capacity");
            LOG.info("refused {} from {}: connection limit reached", peer.id(), remote);
            peer.close(1013, "connection limit reached");
            return false;
        }
        metrics.opened(peer.role());
        if (peer.role() == Role.SENDER) {
            LOG.info("{} connected from {} as '{}'", peer.id(), remote, senderName);
            peer.send(registered(Registered.sender(peer.id(), iceServers.forPeer(peer.id())), grant));
            directory.senderJoined(peer, senderName);
        } else {
            LOG.info("{} connected from {}", peer.id(), remote);
            peer.send(registered(Registered.receiver(peer.id(), iceServers.forPeer(peer.id())), grant));
            directory.subscribe(peer);
        }
        return true;
    }

    /**
     * {@code registered} with one extra field, {@code permissions}: the permissions of the connection's token
     * ({@code publish}, {@code view}, {@code control}), so that a viewer can hide what it may not use. PROTOCOL.md 1
     * lets a server add fields; peers that do not know it ignore it.
     */
    static String registered(Registered registered, Grant grant) {
        ObjectNode json = MessageCodec.toTree(registered);
        ArrayNode permissions = json.putArray("permissions");
        grant.permissionNames().forEach(permissions::add);
        return MessageCodec.encode(json);
    }

    /** Ends a connection's state (idempotent): {@code why} goes into the one disconnect log line. */
    void leave(Peer peer, String why) {
        if (!peer.markEnded()) {
            return;
        }
        registry.remove(peer);
        boolean tellOthers = accepting.getAsBoolean();
        if (peer.role() == Role.SENDER) {
            directory.senderLeft(peer, tellOthers);
            for (Peer other : registry.all()) {
                if (other.role() == Role.RECEIVER) {
                    other.askedSenders().remove(peer.id());
                    other.controlledSenders().remove(peer.id());
                }
            }
        } else {
            directory.unsubscribe(peer);
            String left = MessageCodec.encode(new ReceiverLeft(peer.id()));
            Set<String> remote = new HashSet<>();
            for (String senderId : peer.askedSenders()) {
                Peer sender = registry.get(senderId, Role.SENDER);
                if (sender != null && tellOthers) {
                    sender.send(left);
                } else if (sender == null) {
                    remote.add(senderId);
                }
            }
            for (String senderId : peer.controlledSenders()) {
                if (registry.get(senderId, Role.SENDER) == null) {
                    remote.add(senderId);
                }
            }
            if (tellOthers) {
                remote.forEach(senderId -> cluster.receiverLeft(peer.id(), senderId));
            }
            peer.askedSenders().clear();
            peer.controlledSenders().clear();
        }
        LOG.info("{} disconnected: {}", peer.id(), why);
    }
}
