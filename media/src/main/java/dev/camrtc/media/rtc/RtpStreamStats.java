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
 * One video RTP stream of a peer connection, from a W3C stats report ({@code outbound-rtp} on the
 * sending side, {@code inbound-rtp} on the receiving side).
 *
 * @param stream          stream name (from the mid mapping), or {@code mid:<mid>} when unknown
 * @param outbound        true for a sent stream
 * @param codec           MIME type ({@code video/VP8}), or "" before the first packet
 * @param bytes           payload bytes sent or received
 * @param frames          frames encoded (sending) or decoded (receiving)
 * @param framesPerSecond the encoder's or decoder's current rate (0 when not reported yet)
 * @param width           frame width as encoded / decoded (0 when not reported yet)
 * @param height          frame height as encoded / decoded (0 when not reported yet)
 */
public record RtpStreamStats(String stream, boolean outbound, String codec, long bytes, long frames,
                             double framesPerSecond, int width, int height) {

    /** The video RTP streams of {@code report}, named through {@code mids}. */
    public static List<RtpStreamStats> of(RTCStatsReport report, List<StreamMid> mids) {
        Map<String, RTCStats> all = report.getStats();
        List<RtpStreamStats> out = new ArrayList<>();
        for (RTCStats s : all.values()) {
            boolean outbound = s.getType() == RTCStatsType.OUTBOUND_RTP;
            if (!outbound && s.getType() != RTCStatsType.INBOUND_RTP) {
                continue;
            }
            Map<String, Object> a = s.getAttributes();
            if (!"video".equals(String.valueOf(a.get("kind")))) {
                continue;
            }
            String mid = a.get("mid") == null ? null : a.get("mid").toString();
            String name = mids.stream().filter(m -> Objects.equals(m.mid(), mid)).map(StreamMid::name)
                    .findFirst().orElse("mid:" + mid);
            RTCStats codecStats = a.get("codecId") == null ? null : all.get(a.get("codecId").toString());
            String codec = codecStats == null ? "" : String.valueOf(codecStats.getAttributes().get("mimeType"));
            out.add(new RtpStreamStats(name, outbound, codec,
                    number(a, outbound ? "bytesSent" : "bytesReceived").longValue(),
                    number(a, outbound ? "framesEncoded" : "framesDecoded").longValue(),
                    number(a, "framesPerSecond").doubleValue(),
                    number(a, "frameWidth").intValue(), number(a, "frameHeight").intValue()));
        }
        out.sort((x, y) -> x.stream().compareTo(y.stream()));
        return out;
    }

    private static Number number(Map<String, Object> attributes, String key) {
        Object v = attributes.get(key);
        return v instanceof Number n ? n : 0;
    }

    /** One log-friendly line: {@code color out video/VP8 640x480 30.0 fps 1234 frames 5678 bytes}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %s %s %dx%d %.1f fps %d frames %d bytes",
                stream, outbound ? "out" : "in", codec, width, height, framesPerSecond, frames, bytes);
    }
}
