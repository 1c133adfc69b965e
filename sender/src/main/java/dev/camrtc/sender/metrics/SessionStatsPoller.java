package dev.camrtc.sender.metrics;

import dev.camrtc.media.rtc.SendStats;
import dev.camrtc.sender.webrtc.SenderSignaling.OpenSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the W3C stats of every live WebRTC session every {@link #INTERVAL}, on one thread of its own (never per
 * frame), and turns them into metrics: per session the {@link SessionSeries} (added when the session first
 * reports, removed when it ends; at most {@code maxSessions} sessions get series), per stream the WebRTC
 * frame totals over all sessions, past and present ({@code transport="webrtc"}).
 *
 * <p>A session's counters are read at each poll, so what a session did after its last poll (at most one
 * interval) is not counted when it ends.
 */
public final class SessionStatsPoller implements AutoCloseable {

    /** How often the sessions' stats are read. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(SessionStatsPoller.class);

    /** WebRTC totals of one stream: ended sessions' last values plus the live sessions' latest ones. */
    private static final class StreamTotals {
        double retiredIn;
        double retiredEncoded;
        double retiredSent;
        double retiredEncodeSeconds;
        volatile double framesIn;
        volatile double framesEncoded;
        volatile double framesSent;
        volatile double encodeSeconds;
    }

    private final String label;
    private final MeterRegistry registry;
    private final Supplier<List<OpenSession>> peers;
    private final int maxSessions;
    private final Duration interval;
    private final Map<String, StreamTotals> totals = new LinkedHashMap<>();
    private final List<Meter> totalMeters = new ArrayList<>();
    private final Map<String, SessionSeries> live = new HashMap<>(); // poller thread only
    private final ScheduledExecutorService thread;
    private boolean capLogged; // poller thread only

    SessionStatsPoller(String label, MeterRegistry registry, List<String> streams, Supplier<List<OpenSession>> peers,
                       int maxSessions, Duration interval) {
        this.label = label;
        this.registry = registry;
        this.peers = peers;
        this.maxSessions = maxSessions;
        this.interval = interval;
        for (String stream : streams) {
            StreamTotals t = new StreamTotals();
            totals.put(stream, t);
            String[] tags = {"stream", stream, "transport", "webrtc"};
            totalMeters.add(SenderMetrics.frameCounter(registry, "encoded", t, x -> x.framesEncoded, tags));
            totalMeters.add(SenderMetrics.frameCounter(registry, "sent", t, x -> x.framesSent, tags));
            totalMeters.add(SenderMetrics.frameCounter(registry, "skipped", t,
                    x -> Math.max(0, x.framesIn - x.framesEncoded), tags));
            totalMeters.add(FunctionCounter.builder("camrtc.sender.encode", t, x -> x.encodeSeconds)
                    .baseUnit("seconds").description(SenderMetrics.ENCODE_HELP).tags(tags).register(registry));
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sender-stats-" + label);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling {@code peers} every {@link #INTERVAL}. */
    public static SessionStatsPoller start(String label, MeterRegistry registry, List<String> streams,
                                           Supplier<List<OpenSession>> peers, int maxSessions) {
        return start(label, registry, streams, peers, maxSessions, INTERVAL);
    }

    static SessionStatsPoller start(String label, MeterRegistry registry, List<String> streams,
                                    Supplier<List<OpenSession>> peers, int maxSessions, Duration interval) {
        SessionStatsPoller p = new SessionStatsPoller(label, registry, streams, peers, maxSessions, interval);
        p.thread.scheduleWithFixedDelay(p::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("{}: reading WebRTC stats failed: {}", label, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() throws InterruptedException {
        List<OpenSession> now = new ArrayList<>(peers.get());
        now.sort(Comparator.comparing(OpenSession::sessionId));
        if (now.size() > maxSessions) {
            if (!capLogged) {
                LOG.info("{}: {} sessions, metrics for the first {} only", label, now.size(), maxSessions);
                capLogged = true;
            }
            now = now.subList(0, maxSessions);
        }
        Map<OpenSession, CompletableFuture<SendStats>> asked = new LinkedHashMap<>();
        for (OpenSession p : now) {
            CompletableFuture<SendStats> f;
            try {
                f = p.peer().sendStats();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            asked.put(p, f);
        }
        long deadline = System.nanoTime() + interval.toNanos() / 2;
        Set<String> present = new HashSet<>();
        for (Map.Entry<OpenSession, CompletableFuture<SendStats>> e : asked.entrySet()) {
            String id = e.getKey().sessionId();
            present.add(id);
            SendStats stats = await(e.getValue(), deadline);
            if (stats != null && !stats.streams().isEmpty()) {
                live.computeIfAbsent(id, s -> new SessionSeries(registry, s, e.getKey().receiverId()))
                        .update(stats, System.nanoTime());
            }
        }
        live.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            retire(e.getValue());
            return true;
        });
        publishTotals();
    }

    private static SendStats await(CompletableFuture<SendStats> f, long deadlineNanos) throws InterruptedException {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null; // not negotiated yet, closing, or slow: the next poll tries again
        }
    }

    private void retire(SessionSeries ended) {
        for (SessionSeries.StreamValues v : ended.streams()) {
            SendStats.Outbound o = v.last;
            StreamTotals t = o == null ? null : totals.get(o.stream());
            if (t != null) {
                t.retiredIn += o.framesIn();
                t.retiredEncoded += o.framesEncoded();
                t.retiredSent += o.framesSent();
                t.retiredEncodeSeconds += o.encodeSeconds();
            }
        }
        ended.remove();
    }

    private void publishTotals() {
        Map<String, double[]> sums = new HashMap<>();
        for (SessionSeries s : live.values()) {
            for (SessionSeries.StreamValues v : s.streams()) {
                SendStats.Outbound o = v.last;
                if (o != null && totals.containsKey(o.stream())) {
                    double[] sum = sums.computeIfAbsent(o.stream(), k -> new double[4]);
                    sum[0] += o.framesIn();
                    sum[1] += o.framesEncoded();
                    sum[2] += o.framesSent();
                    sum[3] += o.encodeSeconds();
                }
            }
        }
        totals.forEach((stream, t) -> {
            double[] sum = sums.getOrDefault(stream, new double[4]);
            t.framesIn = t.retiredIn + sum[0];
            t.framesEncoded = t.retiredEncoded + sum[1];
            t.framesSent = t.retiredSent + sum[2];
            t.encodeSeconds = t.retiredEncodeSeconds + sum[3];
        });
    }

    /** Stops polling and removes every series this poller added. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.values().forEach(SessionSeries::remove);
        live.clear();
        totalMeters.forEach(registry::remove);
    }
}
