package dev.camrtc.server.cluster;

import dev.camrtc.server.connection.ConnectionRegistry;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one instance: the listener of its subscription to the bus and to its own channel.
 *
 * <p>Threads: {@link #message} runs on the Lettuce I/O thread that reads the subscription. A frame on this
 * instance's channel is delivered right there ({@link RelayInbox}: checks and a non-blocking send, never waits).
 * A directory change on the bus is handed to the cluster thread, which applies them in order ({@link ClusterInbox});
 * at most {@link #MAX_PENDING_INBOUND} of them and {@link RedisCluster#MAX_PENDING_CHARS} characters wait there,
 * beyond that they are dropped and counted. Reading the directory of an instance learnt of from a relay also runs
 * on the cluster thread, since the I/O thread must not wait for Redis.
 */
final class ClusterSubscriber extends RedisPubSubAdapter<String, String> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSubscriber.class);
    /** Directory changes from other instances waiting for the cluster thread at most; beyond that they are dropped. */
    static final int MAX_PENDING_INBOUND = 20_000;
    /** Instances not known yet whose directory waits to be read (a flood of made-up tags cannot queue more). */
    private static final int MAX_PENDING_SYNCS = 64;

    private final RemoteState state;
    private final ClusterInbox inbox;
    private final RelayInbox relays;
    private final ClusterMetrics metrics;
    private final Executor clusterThread;
    private final Supplier<RedisCommands<String, String>> commands;
    private final Set<String> pendingSyncs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingInbound = new AtomicInteger();
    private final AtomicLong pendingInboundChars = new AtomicLong();

    /** @param clusterThread the single cluster thread (rejects tasks once the cluster closes) */
    ClusterSubscriber(String tag, RemoteState state, ConnectionRegistry registry, ClusterInbox inbox,
                      ClusterMetrics metrics, MalformedLog malformed, Executor clusterThread,
                      Supplier<RedisCommands<String, String>> commands) {
        this.state = state;
        this.inbox = inbox;
        this.metrics = metrics;
        this.clusterThread = clusterThread;
        this.commands = commands;
        this.relays = new RelayInbox(tag, RedisCluster.channel(tag), state, registry, metrics, malformed, this::syncLater);
    }

    @Override
    public void message(String channel, String message) {
        if (!ClusterInbox.BUS.equals(channel)) {
            relays.onFrame(message); // this instance's channel: on this I/O thread, never blocks
            return;
        }
        int chars = message.length();
        if (pendingInbound.incrementAndGet() > MAX_PENDING_INBOUND
                || pendingInboundChars.addAndGet(chars) > RedisCluster.MAX_PENDING_CHARS) {
            pendingInbound.decrementAndGet();
            pendingInboundChars.addAndGet(-chars);
            metrics.droppedIn();
            return;
        }
        try {
            clusterThread.execute(() -> {
                pendingInbound.decrementAndGet();
                pendingInboundChars.addAndGet(-chars);
                inbox.onMessage(message);
            });
        } catch (RejectedExecutionException e) { // closing
            pendingInbound.decrementAndGet();
            pendingInboundChars.addAndGet(-chars);
        }
    }

    /**
     * Reads the directory of an instance this one learnt of from a relay, on the cluster thread (the caller is a
     * Lettuce I/O thread, which must not wait for Redis); at most one read per instance waits.
     */
    private void syncLater(String other) {
        if (pendingSyncs.size() >= MAX_PENDING_SYNCS || !pendingSyncs.add(other)) {
            return;
        }
        try {
            clusterThread.execute(() -> {
                try {
                    RedisCommands<String, String> c = commands.get();
                    if (!state.knows(other) && c.exists(RedisCluster.alive(other)) == 1) {
                        inbox.sync(other, c.hgetall(RedisCluster.senders(other)));
                    }
                } catch (RuntimeException e) { // Redis away: the heartbeat notices and says so
                    LOG.debug("reading the directory of instance {} failed: {}", other, e.toString());
                } finally {
                    pendingSyncs.remove(other);
                }
            });
        } catch (RejectedExecutionException e) { // closing
            pendingSyncs.remove(other);
        }
    }
}
