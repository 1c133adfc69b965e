package dev.camrtc.server.cluster;

import dev.camrtc.program.Errors;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.metrics.SignalingMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a cluster sharing one Redis (PROTOCOL.md 4; docs/signaling-server.md, Cluster). Redis holds,
 * under {@code camrtc:}: {@code instance-seq} (a counter that numbers instances), {@code instances} (a set of
 * instance tags), {@code alive:<tag>} (this instance's heartbeat, re-set every {@link #HEARTBEAT} with expiry
 * {@link #ALIVE_TTL}) and {@code senders:<tag>} (a hash sender id -> its {@code sender} message). Directory changes
 * go out on the channel {@code camrtc:bus}; messages for one instance's peers on {@code camrtc:to:<tag>}, as
 * {@link RelayFrame}s (the peer's text as is behind a one-line header).
 *
 * <p>This class joins and leaves; the work is done by three parts: {@link ClusterOutbox} publishes (this instance's
 * senders, relays to other instances), {@link ClusterSubscriber} receives (relays for local peers, directory changes
 * of the others) and {@link Membership} keeps the heartbeat and the list of live instances.
 *
 * <p>Threads: the {@link Cluster} methods run on the local peers' WebSocket threads and publish asynchronously
 * ({@link ClusterOutbox}). Relayed messages are delivered on the Lettuce I/O thread that reads the subscription
 * ({@link RelayInbox}: checks and a non-blocking send, no JSON parsed, no hand-over). One thread ({@code cluster})
 * applies the directory changes of other instances, in order ({@link ClusterInbox}), reads the directory of an
 * instance learnt of from a relay ({@link ClusterSubscriber}), and every {@link #HEARTBEAT} runs {@link Membership#tick}:
 * re-sets the heartbeat and looks at the other instances: a new one's directory is read whole, one whose heartbeat
 * expired is gone ({@link ClusterInbox#instanceGone}). When Redis
 * does not answer, this instance goes on serving its own peers, logs it once, forgets the others after
 * {@link #ALIVE_TTL} (they forget it too) and, when Redis answers again, publishes its directory again and reads theirs.
 * Lettuce runs 2 I/O threads and 1 computation thread; {@link #close} stops them all. Two command connections
 * keep the heartbeat's synchronous round trips (and directory reads) apart from the relays: commands on one
 * connection are answered in order, so a relay published behind a slow heartbeat would wait for it.
 */
public final class RedisCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    /** How often an instance says it is alive and looks at the others. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** An instance whose heartbeat is this old is gone: its peers are reported left. */
    public static final Duration ALIVE_TTL = Duration.ofSeconds(6);
    /** Commands waiting for Redis at most; beyond that a command fails at once (counted as dropped). */
    static final int MAX_PENDING_COMMANDS = 20_000;
    /** Characters of messages waiting, each way (for the cluster thread; for Redis to take them), at most. */
    static final long MAX_PENDING_CHARS = 32L * 1024 * 1024;
    private static final String BUS = ClusterInbox.BUS;
    static final String INSTANCES = "camrtc:instances";

    private final String redisUri;
    private final String tag;
    private final ClientResources resources;
    private final RedisClient client;
    /** Joining, heartbeat, directory reads and leaving: the synchronous round trips, on the cluster thread. */
    private final StatefulRedisConnection<String, String> commands;
    /** Relays and directory writes only, so a slow heartbeat round trip never queues a relay behind it. */
    private final StatefulRedisConnection<String, String> relays;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final RemoteState state = new RemoteState();
    private final ClusterOutbox outbox;
    private final Map<String, String> localSenders = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster");
        t.setDaemon(true);
        return t;
    });
    private final Membership membership;

    private RedisCluster(String redisUri, ConnectionRegistry registry, DirectoryFeed directory, SignalingMetrics signalingMetrics) {
        this.redisUri = redisUri;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, RedisURI.create(redisUri));
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_PENDING_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2))).build());
        try {
            this.commands = client.connect();
            this.relays = client.connect();
            RedisCommands<String, String> c = commands.sync();
            String candidate;
            do {
                candidate = Long.toHexString(c.incr("camrtc:instance-seq"))
                        + String.format("%04x", new SecureRandom().nextInt(0x10000));
            } while (c.set(alive(candidate), "1", SetArgs.Builder.nx().px(ALIVE_TTL.toMillis())) == null);
            this.tag = candidate;
            ClusterMetrics metrics = new ClusterMetrics(signalingMetrics, this::redisUp,
                    () -> state.instances().size() + 1);
            this.outbox = new ClusterOutbox(tag, relays, metrics, localSenders);
            MalformedLog malformed = new MalformedLog(tag);
            ClusterInbox inbox = new ClusterInbox(tag, state, registry, directory, metrics, malformed,
                    other -> commands.sync().hgetall(senders(other)));
            this.membership = new Membership(redisUri, tag, commands::sync, state, inbox, localSenders,
                    outbox::publishSender);
            this.pubsub = client.connectPubSub();
            pubsub.addListener(new ClusterSubscriber(tag, state, registry, inbox, metrics, malformed, ticker,
                    commands::sync));
            pubsub.sync().subscribe(BUS, channel(tag));
            c.sadd(INSTANCES, tag);
            ticker.submit(() -> membership.syncAll(c)).get();
        } catch (Exception e) {
            ticker.shutdownNow();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            // no cause: the server's one-line start error reports this message, not Lettuce's innermost one
            throw new IllegalStateException("cannot join the cluster at " + redisUri + ": " + Errors.rootMessage(e));
        }
        ticker.scheduleWithFixedDelay(membership::tick, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Joins the cluster of {@code redisUri}: takes an instance tag, reads the directory of every live instance
     * into {@code directory}. Throws {@link IllegalStateException} when Redis does not answer.
     */
    public static RedisCluster join(String redisUri, ConnectionRegistry registry, DirectoryFeed directory,
                                    SignalingMetrics metrics) {
        RedisCluster cluster = new RedisCluster(redisUri, registry, directory, metrics);
        LOG.info("joined the cluster at {} as instance {}", redisUri, cluster.tag);
        return cluster;
    }

    private int redisUp() {
        Membership m = membership; // null while joining
        return m == null || m.isUp() ? 1 : 0;
    }

    /** Runs {@code task} on the cluster thread, after what waits there (tests hold the thread with it). */
    void runOnClusterThread(Runnable task) {
        ticker.execute(task);
    }

    /** The connection of the synchronous round trips (heartbeat, directory reads); tests block it. */
    RedisCommands<String, String> housekeeping() {
        return commands.sync();
    }

    /** This instance's tag (ids of its peers start with {@code s-<tag>x} / {@code r-<tag>x}). */
    public String tag() {
        return tag;
    }

    @Override
    public String idTag() {
        return tag + "x";
    }

    @Override
    public boolean hasRemoteSender(String senderId) {
        return senderId != null && !tag.equals(Cluster.tagOf(senderId)) && state.hasSender(senderId);
    }

    @Override
    public boolean holdsRemoteSession(String senderId, String receiverId, String type) {
        return state.holds(senderId, receiverId, type);
    }

    @Override
    public void forward(Peer from, String targetId, String type, String text, long arrivedNanos) {
        outbox.forward(from, targetId, type, text, arrivedNanos);
    }

    @Override
    public void senderChanged(SenderInfo info) {
        outbox.senderChanged(info);
    }

    @Override
    public void senderLeft(String senderId) {
        state.localSenderLeft(senderId);
        outbox.senderLeft(senderId);
    }

    @Override
    public void receiverLeft(String receiverId, String senderId) {
        outbox.receiverLeft(receiverId, senderId);
    }

    /** Says goodbye (the others report this instance's peers left at once) and stops every Lettuce thread. */
    @Override
    public void close() {
        pubsub.close();
        ticker.shutdownNow();
        try {
            RedisCommands<String, String> c = commands.sync();
            c.publish(BUS, ClusterOutbox.json(ClusterOutbox.envelope(tag, "down")));
            c.del(alive(tag), senders(tag));
            c.srem(INSTANCES, tag);
        } catch (Exception e) {
            LOG.info("instance {} left the cluster without saying so (Redis: {})", tag, e.getMessage());
        }
        relays.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    static String alive(String tag) {
        return "camrtc:alive:" + tag;
    }

    static String senders(String tag) {
        return "camrtc:senders:" + tag;
    }

    static String channel(String tag) {
        return "camrtc:to:" + tag;
    }
}
