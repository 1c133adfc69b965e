package dev.camrtc.dds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test publisher (ros_pub, fastdds_pub) says it published: its {@code PUB n=.. sec=.. nanosec=.. len=..
 * fnv=..} lines, indexed the ways tests compare received frames with them.
 */
public final class PublishedFrames {
    private PublishedFrames() {
    }

    /** The fields of every PUB line printed so far. */
    public static List<Map<String, String>> lines(PeerProcess publisher) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : publisher.output()) {
            if (line.startsWith("PUB ")) {
                out.add(PeerProcess.fields(line));
            }
        }
        return out;
    }

    /** header.stamp of a PUB line in nanoseconds since the epoch. */
    public static long stampNanos(Map<String, String> pub) {
        return Long.parseLong(pub.get("sec")) * 1_000_000_000L + Long.parseLong(pub.get("nanosec"));
    }

    /** header.stamp in nanoseconds -> FNV-1a of the data. */
    public static Map<Long, String> fnvByStamp(PeerProcess publisher) {
        Map<Long, String> out = new HashMap<>();
        lines(publisher).forEach(f -> out.put(stampNanos(f), f.get("fnv")));
        return out;
    }

    /** header.stamp in nanoseconds -> frame counter n. */
    public static Map<Long, Long> counterByStamp(PeerProcess publisher) {
        Map<Long, Long> out = new HashMap<>();
        lines(publisher).forEach(f -> out.put(stampNanos(f), Long.parseLong(f.get("n"))));
        return out;
    }

    /** Frame counter n -> header.stamp in milliseconds (the capture time a PROTOCOL.md 7 frame stamp carries). */
    public static Map<Long, Long> stampMillisByCounter(PeerProcess publisher) {
        Map<Long, Long> out = new HashMap<>();
        lines(publisher).forEach(f -> out.put(Long.parseLong(f.get("n")), Math.floorDiv(stampNanos(f), 1_000_000L)));
        return out;
    }

    /** header.stamp of a PUB line in microseconds since the epoch (its nanoseconds floored): a frame's capture time. */
    public static long stampMicros(Map<String, String> pub) {
        return Math.floorDiv(stampNanos(pub), 1000L);
    }

    /** Frame counter n -> header.stamp in microseconds (a frame's capture time in the sender, as a depth chunk has it). */
    public static Map<Long, Long> stampMicrosByCounter(PeerProcess publisher) {
        Map<Long, Long> out = new HashMap<>();
        lines(publisher).forEach(f -> out.put(Long.parseLong(f.get("n")), stampMicros(f)));
        return out;
    }

    /**
     * header.stamp in microseconds -> the PUB lines of that microsecond: one, unless a publisher that fell behind on
     * a loaded machine wrote several frames within a microsecond.
     */
    public static Map<Long, List<Map<String, String>>> byStampMicros(PeerProcess publisher) {
        Map<Long, List<Map<String, String>>> out = new HashMap<>();
        lines(publisher).forEach(f -> out.computeIfAbsent(stampMicros(f), k -> new ArrayList<>()).add(f));
        return out;
    }
}
