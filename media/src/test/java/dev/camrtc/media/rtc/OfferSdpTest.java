package dev.camrtc.media.rtc;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The H.264 the sender offers is one every browser decodes: in the real offer SDP of libwebrtc, the first
 * H.264 payload type of each video m-line is constrained baseline level 3.1 ({@code profile-level-id=42e01f})
 * with {@code packetization-mode=1} (Safari decodes constrained baseline, not the plain baseline 42001f that
 * libwebrtc lists first), whatever codec is preferred.
 */
@Tag("media")
class OfferSdpTest {

    private static final Pattern M_VIDEO = Pattern.compile("^m=video \\S+ \\S+ (.*)$");
    private static final Pattern RTPMAP = Pattern.compile("^a=rtpmap:(\\d+) ([^/]+)/");
    private static final Pattern FMTP = Pattern.compile("^a=fmtp:(\\d+) (.*)$");

    @ParameterizedTest
    @EnumSource(value = VideoCodec.class, names = {"H264", "VP8"})
    void firstH264OfTheOfferIsConstrainedBaselineWithPacketizationModeOne(VideoCodec preferred) throws Exception {
        try (RtcEngine engine = new RtcEngine()) {
            VideoStreamSource color = engine.createVideoSource("color");
            VideoStreamSource ir = engine.createVideoSource("ir");
            OfferingPeer peer = engine.createOfferingPeer("r-sdp", List.of(), List.of(color, ir),
                    PeerSettings.defaults().withCodec(preferred).withTrickle(true), PeerListener.NONE);
            try {
                String sdp = peer.createOffer().get(10, SECONDS).offer().sdp();
                List<MLine> video = videoSections(sdp);
                assertEquals(2, video.size(), sdp);
                for (MLine m : video) {
                    List<String> h264 = m.payloadsOf("H264");
                    assertFalse(h264.isEmpty(), "H.264 is offered: " + sdp);
                    Map<String, String> fmtp = m.fmtp(h264.get(0));
                    assertEquals("42e01f", fmtp.get("profile-level-id"), "first H.264 entry " + h264.get(0) + ": " + sdp);
                    assertEquals("1", fmtp.get("packetization-mode"), "first H.264 entry " + h264.get(0) + ": " + sdp);
                    String first = m.payloads.get(0);
                    assertEquals(preferred.name(), m.codecs.get(first).toUpperCase(), "preferred codec first: " + sdp);
                }
            } finally {
                peer.close();
            }
        }
    }

    /** One video m-line: its payload types in offer order, each one's codec name and fmtp parameters. */
    private record MLine(List<String> payloads, Map<String, String> codecs, Map<String, String> fmtps) {

        List<String> payloadsOf(String codec) {
            return payloads.stream().filter(p -> codec.equalsIgnoreCase(codecs.get(p))).toList();
        }

        Map<String, String> fmtp(String payload) {
            Map<String, String> out = new HashMap<>();
            for (String kv : fmtps.getOrDefault(payload, "").split(";")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
            return out;
        }
    }

    private static List<MLine> videoSections(String sdp) {
        List<MLine> out = new ArrayList<>();
        MLine current = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                Matcher m = M_VIDEO.matcher(line);
                current = m.matches() ? new MLine(List.of(m.group(1).trim().split(" ")), new HashMap<>(), new HashMap<>())
                        : null;
                if (current != null) {
                    out.add(current);
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            Matcher r = RTPMAP.matcher(line);
            if (r.find()) {
                current.codecs.put(r.group(1), r.group(2));
            }
            Matcher f = FMTP.matcher(line);
            if (f.find()) {
                current.fmtps.put(f.group(1), f.group(2));
            }
        }
        assertTrue(out.stream().allMatch(m -> !m.payloads.isEmpty()), sdp);
        return out;
    }
}
