package dev.camrtc.server.metrics;

import dev.camrtc.protocol.ErrorCode;
import dev.camrtc.protocol.MessageRules;
import dev.camrtc.protocol.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The server's Prometheus metrics (PROTOCOL.md 4), all prefixed {@code signaling_}:
 * <ul>
 * <li>{@code signaling_connections_open{role}} gauge: open WebSocket connections;</li>
 * <li>{@code signaling_connections_opened_total{role}}, {@code signaling_connections_refused_total{reason}};</li>
 * <li>{@code signaling_messages_received_total{type}}: text and binary messages received (type {@code unknown}
 *     for types this version does not know, {@code invalid} for messages without a string type,
 *     {@code binary} for binary frames), after the rate limit;</li>
 * <li>{@code signaling_messages_dropped_total}: messages dropped by the rate limit;</li>
 * <li>{@code signaling_announces_dropped_total}: {@code announce} messages dropped by the per-sender announce limit;</li>
 * <li>{@code signaling_connections_closed_total{reason}}: connections the server closed itself ({@code queue_overflow},
 *     {@code permission_withdrawn});</li>
 * <li>{@code signaling_messages_relayed_total{type}}: messages delivered to the addressed peer;</li>
 * <li>{@code signaling_errors_total{code}}: {@code error} messages sent;</li>
 * <li>{@code signaling_relay_latency_seconds} histogram: from receiving a relayed message to its write
 *     completing on the addressed peer's socket.</li>
 * </ul>
 * Label values come from fixed sets only, so a client cannot grow the series count.
 */
public final class SignalingMetrics {

    public static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1)};

    /** Reasons of {@code signaling_connections_refused_total}, present from the start (at 0). */
    static final String[] REFUSALS = {"unauthorized", "forbidden", "origin", "bad_name", "capacity", "shutting_down"};
    /** Reasons of {@code signaling_connections_closed_total}, present from the start (at 0). */
    static final String[] CLOSES = {"queue_overflow", "permission_withdrawn"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> relayed = new ConcurrentHashMap<>();
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Map<Role, Counter> opened = new EnumMap<>(Role.class);
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Counter> closedBy = new ConcurrentHashMap<>();
    private final Timer relayLatency;
    private final Counter dropped;
    private final Counter announcesDropped;

    public SignalingMetrics(ToDoubleFunction<Role> openConnections) {
        for (Role role : Role.values()) {
            String label = label(role);
            Gauge.builder("signaling.connections.open", () -> openConnections.applyAsDouble(role))
                    .description("Open WebSocket connections").tag("role", label).register(registry);
            opened.put(role, Counter.builder("signaling.connections.opened")
                    .description("WebSocket connections accepted").tag("role", label).register(registry));
        }
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("signaling.errors")
                    .description("error messages sent, by code").tag("code", code.wireName()).register(registry));
        }
        dropped = Counter.builder("signaling.messages.dropped")
                .description("Messages dropped by the per-connection rate limit").register(registry);
        announcesDropped = Counter.builder("signaling.announces.dropped")
                .description("announce messages dropped by the per-sender announce limit").register(registry);
        for (String reason : REFUSALS) {
            refused(reason, 0);
        }
        for (String reason : CLOSES) {
            closed(reason, 0);
        }
        relayLatency = Timer.builder("signaling.relay.latency")
                .description("From receiving a relayed message to its write completing on the addressed peer")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    public static String label(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** A received message; {@code type} null when it had no string type. */
    public void received(String type) {
        String label = type == null ? "invalid" : MessageRules.isKnownType(type) ? type : "unknown";
        received.computeIfAbsent(label, t -> Counter.builder("signaling.messages.received")
                .description("Messages received from clients, by type").tag("type", t).register(registry))
                .increment();
    }

    public void receivedBinary() {
        received.computeIfAbsent("binary", t -> Counter.builder("signaling.messages.received")
                .description("Messages received from clients, by type").tag("type", t).register(registry))
                .increment();
    }

    /** A message of a known relayed {@code type} delivered after {@code nanos} since it arrived. */
    public void relayed(String type, long nanos) {
        relayed.computeIfAbsent(type, t -> Counter.builder("signaling.messages.relayed")
                .description("Messages relayed to the addressed peer, by type").tag("type", t).register(registry))
                .increment();
        relayLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void dropped() {
        dropped.increment();
    }

    /** An {@code announce} dropped by the per-sender announce limit. */
    public void announceDropped() {
        announcesDropped.increment();
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    public void opened(Role role) {
        opened.get(role).increment();
    }

    /** An upgrade refused before it happened, e.g. {@code unauthorized}, {@code bad_name}, {@code capacity}. */
    public void refused(String reason) {
        refused(reason, 1);
    }

    private void refused(String reason, int count) {
        refused.computeIfAbsent(reason, r -> Counter.builder("signaling.connections.refused")
                .description("WebSocket upgrades refused, by reason").tag("reason", r).register(registry))
                .increment(count);
    }

    /**
     * Open connections the server closed on its own, by reason ({@code queue_overflow}: a peer did not read
     * its messages; {@code permission_withdrawn}: its token was removed or lost a permission it needs).
     */
    public void closed(String reason, int count) {
        closedBy.computeIfAbsent(reason, r -> Counter.builder("signaling.connections.closed")
                .description("Connections the server closed, by reason").tag("reason", r).register(registry))
                .increment(count);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
