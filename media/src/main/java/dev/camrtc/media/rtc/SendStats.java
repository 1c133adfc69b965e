package dev.camrtc.media.rtc;

import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sending peer connection reports about itself (W3C webrtc-stats), for metrics: one
 * {@link Outbound} per sent video stream and the round-trip time of the selected ICE candidate pair.
 *
 * @param streams        the sent video streams, by name
 * @param roundTripTime  seconds, the selected candidate pair's {@code currentRoundTripTime}; NaN before known
 */
public record SendStats(List<Outbound> streams, double roundTripTime) {

    /**
     * One sent video stream: its {@code outbound-rtp}, the {@code media-source} feeding it and the receiver's
     * {@code remote-inbound-rtp} (RTCP receiver reports). Counters are cumulative over the peer's life.
     *
     * @param stream          stream name (from the mid mapping), or {@code mid:<mid>} when unknown
     * @param framesIn        frames the track delivered to the encoder ({@code media-source.frames})
     * @param framesEncoded   {@code outbound-rtp.framesEncoded}
     * @param framesSent      {@code outbound-rtp.framesSent}
     * @param encodeSeconds   {@code outbound-rtp.totalEncodeTime}
     * @param bytesSent       {@code outbound-rtp.bytesSent} (payload)
     * @param packetsSent     {@code outbound-rtp.packetsSent}
     * @param packetsLost     {@code remote-inbound-rtp.packetsLost}, 0 before the first receiver report
     * @param fractionLost    {@code remote-inbound-rtp.fractionLost} (0..1, of the last report interval); NaN before
     * @param jitter          {@code remote-inbound-rtp.jitter}, seconds; NaN before the first receiver report
     */
    public record Outbound(String stream, long framesIn, long framesEncoded, long framesSent, double encodeSeconds,
                           long bytesSent, long packetsSent, long packetsLost, double fractionLost, double jitter) {
    }

    /** The statistics of {@code report}, streams named through {@code mids}. */
    public static SendStats of(RTCStatsReport report, List<StreamMid> mids) {
        Map<String, RTCStats> all = report.getStats();
        List<Outbound> out = new ArrayList<>();
        double rtt = Double.NaN;
        for (RTCStats s : all.values()) {
            Map<String, Object> a = s.getAttributes();
            if (s.getType() == RTCStatsType.TRANSPORT && a.get("selectedCandidatePairId") != null) {
                RTCStats pair = all.get(a.get("selectedCandidatePairId").toString());
                if (pair != null) {
                    rtt = number(pair.getAttributes(), "currentRoundTripTime", Double.NaN);
                }
            }
            if (s.getType() != RTCStatsType.OUTBOUND_RTP || !"video".equals(String.valueOf(a.get("kind")))) {
                continue;
            }
            String mid = a.get("mid") == null ? null : a.get("mid").toString();
            String name = mids.stream().filter(m -> Objects.equals(m.mid(), mid)).map(StreamMid::name)
                    .findFirst().orElse("mid:" + mid);
            Map<String, Object> source = attributes(all, a.get("mediaSourceId"));
            Map<String, Object> remote = remoteInbound(all, s.getId());
            out.add(new Outbound(name, (long) number(source, "frames", 0), (long) number(a, "framesEncoded", 0),
                    (long) number(a, "framesSent", 0), number(a, "totalEncodeTime", 0), (long) number(a, "bytesSent", 0),
                    (long) number(a, "packetsSent", 0), Math.max(0, (long) number(remote, "packetsLost", 0)),
                    number(remote, "fractionLost", Double.NaN), number(remote, "jitter", Double.NaN)));
        }
        out.sort((x, y) -> x.stream().compareTo(y.stream()));
        return new SendStats(List.copyOf(out), rtt);
    }

    private static Map<String, Object> remoteInbound(Map<String, RTCStats> all, String outboundId) {
        for (RTCStats s : all.values()) {
            if (s.getType() == RTCStatsType.REMOTE_INBOUND_RTP
                    && outboundId.equals(String.valueOf(s.getAttributes().get("localId")))) {
                return s.getAttributes();
            }
        }
        return Map.of();
    }

    private static Map<String, Object> attributes(Map<String, RTCStats> all, Object id) {
        RTCStats s = id == null ? null : all.get(id.toString());
        return s == null ? Map.of() : s.getAttributes();
    }

    private static double number(Map<String, Object> attributes, String key, double absent) {
        Object v = attributes.get(key);
        return v instanceof Number n ? n.doubleValue() : absent;
    }
}
