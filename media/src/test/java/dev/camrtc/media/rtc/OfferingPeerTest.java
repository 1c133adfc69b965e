package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.media.MediaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Codec ordering; OfferingPeer's WebRTC behaviour is tested in PeerSessionTest and RtcEngineTest. */
class OfferingPeerTest {

    private static final RTCRtpCodecCapability VP8 = codec("VP8", Map.of());
    private static final RTCRtpCodecCapability RTX = codec("rtx", Map.of("apt", "96"));
    private static final RTCRtpCodecCapability H264_A = codec("H264", Map.of("profile-level-id", "42001f"));
    private static final RTCRtpCodecCapability H264_B = codec("H264", Map.of("profile-level-id", "42e01f"));
    private static final RTCRtpCodecCapability VP9 = codec("VP9", Map.of());

    @Test
    void preferredCodecComesFirstWithAllItsProfiles() {
        List<RTCRtpCodecCapability> all = List.of(VP8, RTX, H264_A, VP9, H264_B);
        assertEquals(List.of(H264_A, H264_B, VP8, RTX, VP9), OfferingPeer.preferenceOrder(all, VideoCodec.H264));
        assertEquals(all, OfferingPeer.preferenceOrder(all, VideoCodec.VP8));
    }

    @Test
    void unsupportedCodecIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfferingPeer.preferenceOrder(List.of(VP8, RTX), VideoCodec.AV1));
        assertTrue(e.getMessage().contains("av1"), e.getMessage());
    }

    private static RTCRtpCodecCapability codec(String name, Map<String, String> fmtp) {
        return new RTCRtpCodecCapability(MediaType.VIDEO, name, 90000, null, fmtp);
    }
}
