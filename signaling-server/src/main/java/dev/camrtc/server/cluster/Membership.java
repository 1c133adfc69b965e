package dev.camrtc.server.cluster;

import static dev.camrtc.server.cluster.RedisCluster.ALIVE_TTL;
import static dev.camrtc.server.cluster.RedisCluster.INSTANCES;
import static dev.camrtc.server.cluster.RedisCluster.alive;
import static dev.camrtc.server.cluster.RedisCluster.senders;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership of the cluster, run on the cluster thread every {@link RedisCluster#HEARTBEAT}:
 * re-sets its heartbeat key, reads the directory of an instance it does not know yet, reports an instance whose
 * heartbeat expired as gone, and notices Redis going away (logged once) and coming back (rejoin: its directory
 * written and announced again, everybody else's read again).
 */
final class Membership {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final String redisUri;
    private final String tag;
    private final Supplier<RedisCommands<String, String>> commands;
    private final RemoteState state;
    private final ClusterInbox inbox;
    private final Map<String, String> localSenders;
    private final Consumer<String> publishSender;
    private volatile boolean up = true;
    private long downSinceNanos;

    /**
     * @param localSenders  this instance's senders: id -> {@code sender} message
     * @param publishSender announces one of them on the bus (after a rejoin)
     */
    Membership(String redisUri, String tag, Supplier<RedisCommands<String, String>> commands, RemoteState state,
               ClusterInbox inbox, Map<String, String> localSenders, Consumer<String> publishSender) {
        this.redisUri = redisUri;
        this.tag = tag;
        this.commands = commands;
        this.state = state;
        this.inbox = inbox;
        this.localSenders = localSenders;
        this.publishSender = publishSender;
    }

    /** True while Redis answers. */
    boolean isUp() {
        return up;
    }

    void tick() {
        try {
            RedisCommands<String, String> c = commands.get();
            boolean forgotten = c.setGet(alive(tag), "1", SetArgs.Builder.px(ALIVE_TTL.toMillis())) == null;
            c.sadd(INSTANCES, tag);
            if (!up || forgotten) {
                rejoin(c);
            }
            c.pexpire(senders(tag), ALIVE_TTL.toMillis() * 2);
            for (String other : c.smembers(INSTANCES)) {
                if (other.equals(tag)) {
                    continue;
                }
                if (c.exists(alive(other)) == 0) {
                    c.srem(INSTANCES, other);
                    inbox.instanceGone(other, "died (no heartbeat for " + ALIVE_TTL.toSeconds() + " s)");
                } else if (!state.knows(other)) {
                    inbox.sync(other, c.hgetall(senders(other)));
                }
            }
            for (String known : state.instances()) {
                if (c.exists(alive(known)) == 0) {
                    inbox.instanceGone(known, "died (no heartbeat for " + ALIVE_TTL.toSeconds() + " s)");
                }
            }
        } catch (RuntimeException e) {
            redisDown(e);
        }
    }

    private void redisDown(RuntimeException e) {
        long now = System.nanoTime();
        if (up) {
            up = false;
            downSinceNanos = now;
            LOG.warn("Redis at {} does not answer ({}); instance {} serves its own peers only until it is back",
                    redisUri, e.getMessage(), tag);
        } else if (now - downSinceNanos > ALIVE_TTL.toNanos() && !state.instances().isEmpty()) {
            for (String other : state.instances()) {
                inbox.instanceGone(other, "unreachable (Redis down)");
            }
        }
    }

    /** After Redis was away or lost this instance's keys: write its directory again and read everybody's. */
    private void rejoin(RedisCommands<String, String> c) {
        c.del(senders(tag));
        if (!localSenders.isEmpty()) {
            c.hset(senders(tag), Map.copyOf(localSenders));
        }
        for (String text : localSenders.values()) {
            publishSender.accept(text);
        }
        syncAll(c);
        if (!up) {
            LOG.info("Redis at {} answers again; instance {} rejoined with {} sender(s)", redisUri, tag, localSenders.size());
        }
        up = true;
    }

    void syncAll(RedisCommands<String, String> c) {
        for (String other : c.smembers(INSTANCES)) {
            if (!other.equals(tag) && c.exists(alive(other)) == 1) {
                inbox.sync(other, c.hgetall(senders(other)));
            }
        }
    }
}
