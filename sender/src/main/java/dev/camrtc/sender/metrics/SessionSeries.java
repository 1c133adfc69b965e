package dev.camrtc.sender.metrics;

import dev.camrtc.media.rtc.SendStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus series of one live WebRTC session ({@code session} and {@code receiver} labels): per
 * stream bytes sent, bitrate, packets lost, loss ratio and jitter, and the session's round-trip time.
 * Written by the stats poller only, read by scrapes (volatile fields). {@link #remove()} takes every series
 * of the session out of the registry.
 */
final class SessionSeries {

    /** The last values of one stream of the session. */
    static final class StreamValues {
        volatile SendStats.Outbound last;
        volatile double bitrate = Double.NaN;
        private long lastBytes = -1;   // poller only
        private long lastNanos;        // poller only

        double bytesSent() {
            return last == null ? 0 : last.bytesSent();
        }

        double packetsLost() {
            return last == null ? 0 : last.packetsLost();
        }

        double lossRatio() {
            return last == null ? Double.NaN : last.fractionLost();
        }

        double jitter() {
            return last == null ? Double.NaN : last.jitter();
        }
    }

    private final MeterRegistry registry;
    private final String session;
    private final String receiver;
    private final Map<String, StreamValues> streams = new HashMap<>(); // poller only
    private final List<Meter> meters = new ArrayList<>();               // poller only
    private volatile double roundTripTime = Double.NaN;

    SessionSeries(MeterRegistry registry, String session, String receiver) {
        this.registry = registry;
        this.session = session;
        this.receiver = receiver;
        meters.add(Gauge.builder("camrtc.sender.session.round.trip.time", this, s -> s.roundTripTime)
                .strongReference(true).baseUnit("seconds")
                .description("ICE round-trip time of the session's selected candidate pair")
                .tags("session", session, "receiver", receiver).register(registry));
    }

    /** Takes in a new report, {@code nowNanos} on the {@link System#nanoTime()} clock. */
    void update(SendStats stats, long nowNanos) {
        roundTripTime = stats.roundTripTime();
        for (SendStats.Outbound o : stats.streams()) {
            StreamValues v = streams.computeIfAbsent(o.stream(), this::register);
            if (v.lastBytes >= 0 && nowNanos > v.lastNanos) {
                v.bitrate = Math.max(0, o.bytesSent() - v.lastBytes) * 8e9 / (nowNanos - v.lastNanos);
            }
            v.lastBytes = o.bytesSent();
            v.lastNanos = nowNanos;
            v.last = o;
        }
    }

    /** The newest report of each stream (for the per-stream totals). */
    Iterable<StreamValues> streams() {
        return streams.values();
    }

    /** Removes every series of this session from the registry. */
    void remove() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private StreamValues register(String stream) {
        StreamValues v = new StreamValues();
        String[] tags = {"session", session, "receiver", receiver, "stream", stream};
        meters.add(FunctionCounter.builder("camrtc.sender.session.sent", v, StreamValues::bytesSent)
                .baseUnit("bytes").description("RTP payload bytes sent to the receiver")
                .tags(tags).register(registry));
        meters.add(Gauge.builder("camrtc.sender.session.send.bitrate", v, x -> x.bitrate)
                .strongReference(true).baseUnit("bits.per.second")
                .description("Send bitrate over the last stats interval").tags(tags).register(registry));
        meters.add(FunctionCounter.builder("camrtc.sender.session.packets.lost", v, StreamValues::packetsLost)
                .description("Packets lost, as the receiver reports (RTCP)")
                .tags(tags).register(registry));
        meters.add(Gauge.builder("camrtc.sender.session.packet.loss", v, StreamValues::lossRatio)
                .strongReference(true).baseUnit("ratio")
                .description("Fraction of packets lost in the receiver's last report interval (0..1)")
                .tags(tags).register(registry));
        meters.add(Gauge.builder("camrtc.sender.session.jitter", v, StreamValues::jitter)
                .strongReference(true).baseUnit("seconds")
                .description("Interarrival jitter the receiver reports (RTCP)").tags(tags).register(registry));
        return v;
    }
}
