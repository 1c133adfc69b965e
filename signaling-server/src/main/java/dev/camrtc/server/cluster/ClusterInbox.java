package dev.camrtc.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.Role;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.server.connection.PeerLimits;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryFeed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the directory changes other instances announce on the bus (through Redis) to this instance: remote
 * senders into the directory, their departure, and the end of a whole instance (its senders leave every local
 * receiver, its receivers every local sender). Never throws: a malformed or oversized bus message is dropped with
 * one log line ({@link MalformedLog}). Runs on one thread (the cluster's), in the order Redis delivered the
 * messages, interleaved with whole reads of a directory, so that the two never race. Relayed messages do not
 * pass here ({@link RelayInbox}).
 */
final class ClusterInbox {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterInbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The channel of directory changes, which every instance reads. */
    static final String BUS = "camrtc:bus";
    /** A bus message carries at most one maximum-size {@code sender} message, escaped, and a small envelope. */
    static final int MAX_BUS_CHARS = 2 * PeerLimits.MAX_MESSAGE_BYTES + 1024;

    private final String self;
    private final RemoteState state;
    private final ConnectionRegistry registry;
    private final DirectoryFeed directory;
    private final ClusterMetrics metrics;
    private final Function<String, Map<String, String>> readDirectory;
    private final MalformedLog malformed;

    /** @param readDirectory reads an instance's directory from Redis (a message from an instance not yet known) */
    ClusterInbox(String self, RemoteState state, ConnectionRegistry registry, DirectoryFeed directory,
                 ClusterMetrics metrics, MalformedLog malformed, Function<String, Map<String, String>> readDirectory) {
        this.readDirectory = readDirectory;
        this.malformed = malformed;
        this.self = self;
        this.state = state;
        this.registry = registry;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** One message from the bus or this instance's channel. */
    void onMessage(String text) {
        try {
            if (text == null || text.length() > MAX_BUS_CHARS) {
                malformed("oversize (" + (text == null ? 0 : text.length()) + " chars)");
                return;
            }
            JsonNode m = JSON.readTree(text);
            String from = m.path("from").asText(null);
            String op = m.path("op").asText("");
            if (from == null || from.length() > 24 || !from.matches("[0-9a-f]+")) {
                malformed("no valid 'from' instance tag");
                return;
            }
            if (from.equals(self)) {
                return; // its own change, echoed by the bus
            }
            if (!state.knows(from) && !op.equals("down")) {
                sync(from, readDirectory.apply(from)); // its directory first, then what it says now
            }
            switch (op) {
                case "sender" -> remoteSender(from, m.path("info").asText(null));
                case "sender_left" -> remoteSenderLeft(from, m.path("id").asText(null));
                case "down" -> instanceGone(from, "stopped");
                default -> malformed("unknown op from instance " + from);
            }
        } catch (Exception e) { // a bad bus message must not stop the cluster thread
            malformed(e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "not JSON" : "failed: " + e);
        }
    }

    private void remoteSender(String from, String infoText) {
        if (infoText == null) {
            return;
        }
        if (MessageCodec.decode(infoText) instanceof MessageCodec.Decoded.Ok ok && ok.message() instanceof SenderInfo info
                && from.equals(Cluster.tagOf(info.senderId())) && state.addSender(info.senderId())) {
            directory.remoteSender(info);
        }
    }

    private void remoteSenderLeft(String from, String senderId) {
        if (senderId != null && from.equals(Cluster.tagOf(senderId)) && state.removeSender(senderId)) {
            directory.remoteSenderLeft(senderId);
            forgetSender(senderId);
        }
    }

    /** Replaces what this instance knows of {@code tag}'s senders by its directory as Redis holds it. */
    void sync(String tag, Map<String, String> senders) {
        boolean added = state.addInstance(tag);
        Set<String> before = state.sendersOf(tag);
        for (String infoText : senders.values()) {
            if (MessageCodec.decode(infoText) instanceof MessageCodec.Decoded.Ok ok && ok.message() instanceof SenderInfo info
                    && tag.equals(Cluster.tagOf(info.senderId())) && state.addSender(info.senderId())) {
                before.remove(info.senderId());
                directory.remoteSender(info);
            }
        }
        for (String gone : before) {
            remoteSenderLeft(tag, gone);
        }
        if (added) {
            LOG.info("cluster instance {} joined with {} sender(s)", tag, senders.size());
        }
    }

    /** An instance stopped or died: its senders leave every local receiver, its receivers every local sender. */
    void instanceGone(String tag, String why) {
        if (!state.knows(tag)) {
            return;
        }
        Set<String> senders = state.removeInstance(tag);
        for (String senderId : senders) {
            directory.remoteSenderLeft(senderId);
            forgetSender(senderId);
        }
        int sessions = 0;
        for (Map.Entry<String, List<String>> e : state.receiversOf(tag).entrySet()) {
            Peer sender = registry.get(e.getKey(), Role.SENDER);
            for (String receiverId : e.getValue()) {
                if (sender != null) {
                    sender.send(MessageCodec.encode(new ReceiverLeft(receiverId)));
                    sessions++;
                }
            }
        }
        LOG.info("cluster instance {} {}: {} sender(s) left, {} receiver session(s) ended", tag, why, senders.size(), sessions);
    }

    private void malformed(String reason) {
        metrics.droppedIn();
        malformed.dropped(BUS, reason);
    }

    /** A remote sender is gone: no local receiver holds a session or a control with it any more. */
    private void forgetSender(String senderId) {
        for (Peer peer : registry.all()) {
            if (peer.role() == Role.RECEIVER) {
                peer.askedSenders().remove(senderId);
                peer.controlledSenders().remove(senderId);
            }
        }
    }
}
