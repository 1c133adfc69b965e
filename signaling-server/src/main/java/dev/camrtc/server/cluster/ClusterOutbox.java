package dev.camrtc.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.server.connection.Peer;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publishing side of one instance: what it tells Redis and the other instances. Its senders go into
 * {@code senders:<tag>} and out on the bus ({@code camrtc:bus}) as directory changes; messages for peers of
 * another instance go out on that instance's channel as {@link RelayFrame}s.
 *
 * <p>Threads: called on the threads of the local peers' WebSockets (Jetty), and on the cluster thread (a rejoin
 * announces the senders again). Every command is asynchronous; its completion runs on a Lettuce thread and only
 * counts. At most {@link RedisCluster#MAX_PENDING_CHARS} characters wait for Redis; beyond that a message is
 * dropped and counted.
 */
final class ClusterOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tag;
    private final StatefulRedisConnection<String, String> commands;
    private final ClusterMetrics metrics;
    private final Map<String, String> localSenders;
    private final AtomicLong pendingChars = new AtomicLong();

    /** @param localSenders this instance's senders: id -> {@code sender} message (kept here, read by a rejoin) */
    ClusterOutbox(String tag, StatefulRedisConnection<String, String> commands, ClusterMetrics metrics,
                  Map<String, String> localSenders) {
        this.tag = tag;
        this.commands = commands;
        this.metrics = metrics;
        this.localSenders = localSenders;
    }

    /** Sends {@code text} from {@code from} to {@code targetId} on its instance (see {@link Cluster#forward}). */
    void forward(Peer from, String targetId, String type, String text, long arrivedNanos) {
        String target = Cluster.tagOf(targetId);
        if (target == null || target.equals(tag)) {
            metrics.droppedIn();
            return;
        }
        long arrivedMicros = RelayFrame.wallMicros() - (System.nanoTime() - arrivedNanos) / 1_000;
        publish(RedisCluster.channel(target), RelayFrame.encode(tag, from.id(), targetId, type, arrivedMicros, text), true);
    }

    void senderChanged(SenderInfo info) {
        String text = MessageCodec.encode(info);
        localSenders.put(info.senderId(), text);
        commands.async().hset(RedisCluster.senders(tag), info.senderId(), text);
        publishSender(text);
    }

    void senderLeft(String senderId) {
        localSenders.remove(senderId);
        commands.async().hdel(RedisCluster.senders(tag), senderId);
        publish(ClusterInbox.BUS, json(envelope(tag, "sender_left").put("id", senderId)), false);
    }

    /** Tells the instance of the remote sender {@code senderId} that the local receiver {@code receiverId} left. */
    void receiverLeft(String receiverId, String senderId) {
        String target = Cluster.tagOf(senderId);
        if (target != null && !target.equals(tag)) {
            publish(RedisCluster.channel(target),
                    RelayFrame.encode(tag, receiverId, senderId, ReceiverLeft.TYPE, RelayFrame.wallMicros(), ""), false);
        }
    }

    /** Announces one local sender ({@code sender} message {@code text}) on the bus. */
    void publishSender(String text) {
        publish(ClusterInbox.BUS, json(envelope(tag, "sender").put("info", text)), false);
    }

    private void publish(String channel, String text, boolean relay) {
        int chars = text.length();
        if (pendingChars.addAndGet(chars) > RedisCluster.MAX_PENDING_CHARS) {
            pendingChars.addAndGet(-chars);
            metrics.droppedOut();
            return;
        }
        commands.async().publish(channel, text).whenComplete((receivers, error) -> {
            pendingChars.addAndGet(-chars);
            if (error != null || (relay && receivers != null && receivers == 0)) {
                metrics.droppedOut();
            } else if (relay) {
                metrics.relayedOut();
            }
        });
    }

    /** A directory change on the bus: {@code {"op":..,"from":<tag>,..}}. */
    static ObjectNode envelope(String tag, String op) {
        return JSON.createObjectNode().put("op", op).put("from", tag);
    }

    static String json(ObjectNode node) {
        return node.toString(); // Jackson's own serializer: valid JSON, never throws for a tree of strings
    }
}
