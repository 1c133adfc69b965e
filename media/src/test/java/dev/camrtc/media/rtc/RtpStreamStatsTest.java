package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtpStreamStatsTest {

    @Test
    void readsVideoRtpStreamsAndNamesThemByMid() {
        Map<String, RTCStats> all = new HashMap<>();
        put(all, "C1", RTCStatsType.CODEC, Map.of("mimeType", "video/H264"));
        put(all, "O0", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "video", "mid", "0", "codecId", "C1",
                "bytesSent", BigInteger.valueOf(123456), "framesEncoded", 90L, "framesPerSecond", 30.0,
                "frameWidth", 640L, "frameHeight", 480L));
        put(all, "I1", RTCStatsType.INBOUND_RTP, Map.of("kind", "video", "mid", "1", "bytesReceived", 42L,
                "framesDecoded", 7L));
        put(all, "A0", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "audio", "mid", "2"));
        put(all, "T", RTCStatsType.TRANSPORT, Map.of());
        RTCStatsReport report = new RTCStatsReport(all, 0L) { };

        List<RtpStreamStats> stats = RtpStreamStats.of(report, List.of(new StreamMid("0", "color")));

        assertEquals(List.of(
                new RtpStreamStats("color", true, "video/H264", 123456, 90, 30.0, 640, 480),
                new RtpStreamStats("mid:1", false, "", 42, 7, 0, 0, 0)), stats);
        assertEquals("color out video/H264 640x480 30.0 fps 90 frames 123456 bytes", stats.get(0).toString());
    }

    private static void put(Map<String, RTCStats> all, String id, RTCStatsType type, Map<String, Object> attributes) {
        all.put(id, new RTCStats(0L, type, id, attributes) { });
    }
}
