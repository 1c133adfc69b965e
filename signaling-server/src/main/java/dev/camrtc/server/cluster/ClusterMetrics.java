package dev.camrtc.server.cluster;

import dev.camrtc.server.metrics.SignalingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * The cluster's series in {@code /metrics} (only with {@code --redis}): {@code signaling_cluster_redis_up}
 * (1 while Redis answers), {@code signaling_cluster_instances} (instances this one sees alive, itself
 * included) and {@code signaling_cluster_messages_total} by {@code direction}: {@code out} (published to
 * another instance), {@code in} (delivered here from another), {@code dropped_out} (not published: Redis
 * down), {@code dropped_in} (refused here: no such peer, no session, malformed).
 */
final class ClusterMetrics {

    private final Counter out;
    private final Counter in;
    private final Counter droppedOut;
    private final Counter droppedIn;
    private final Timer latency;

    ClusterMetrics(SignalingMetrics metrics, Supplier<Number> redisUp, Supplier<Number> instances) {
        var registry = metrics.registry();
        Gauge.builder("signaling_cluster_redis_up", redisUp).description("1 while Redis answers this instance")
                .register(registry);
        Gauge.builder("signaling_cluster_instances", instances).description("instances of the cluster seen alive, this one included")
                .register(registry);
        out = counter(metrics, "out");
        in = counter(metrics, "in");
        droppedOut = counter(metrics, "dropped_out");
        droppedIn = counter(metrics, "dropped_in");
        latency = Timer.builder("signaling.cluster.relay.latency")
                .description("From receiving a relayed message on the sender's instance to its write completing on the "
                        + "addressed peer on another instance (wall clocks of both: meaningful when they are synchronized)")
                .serviceLevelObjectives(SignalingMetrics.LATENCY_BUCKETS).register(registry);
    }

    private static Counter counter(SignalingMetrics metrics, String direction) {
        return Counter.builder("signaling_cluster_messages").description("messages between instances, by direction")
                .tag("direction", direction).register(metrics.registry());
    }

    void relayedOut() { out.increment(); }

    void relayedIn() { in.increment(); }

    void droppedOut() { droppedOut.increment(); }

    void droppedIn() { droppedIn.increment(); }

    /** A relay from another instance completed, {@code micros} after it arrived there (negative: clocks apart, not counted). */
    void relayLatency(long micros) {
        if (micros >= 0) {
            latency.record(micros, java.util.concurrent.TimeUnit.MICROSECONDS);
        }
    }
}
