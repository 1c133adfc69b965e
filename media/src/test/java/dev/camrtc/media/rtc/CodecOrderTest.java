package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.media.MediaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Codec ordering; the real offer's order is tested in OfferSdpTest. */
class CodecOrderTest {

    private static final RTCRtpCodecCapability VP8 = codec("VP8", Map.of());
    private static final RTCRtpCodecCapability RTX = codec("rtx", Map.of("apt", "96"));
    private static final RTCRtpCodecCapability H264_BASE = h264("42001f", "1");
    private static final RTCRtpCodecCapability H264_BASE_0 = h264("42001f", "0");
    private static final RTCRtpCodecCapability H264_CB = h264("42e01f", "1");
    private static final RTCRtpCodecCapability H264_CB_0 = h264("42e01f", "0");
    private static final RTCRtpCodecCapability H264_MAIN = h264("4d001f", "1");
    private static final RTCRtpCodecCapability VP9 = codec("VP9", Map.of());

    @Test
    void preferredCodecComesFirstWithAllItsProfilesConstrainedBaselineModeOneLeading() {
        List<RTCRtpCodecCapability> all = List.of(VP8, RTX, H264_BASE, VP9, H264_CB);
        assertEquals(List.of(H264_CB, H264_BASE, VP8, RTX, VP9), CodecOrder.forOffer(all, VideoCodec.H264));
        assertEquals(List.of(VP8, RTX, H264_CB, VP9, H264_BASE), CodecOrder.forOffer(all, VideoCodec.VP8));
    }

    @Test
    void libwebrtcsH264OrderGetsConstrainedBaselineModeOneFirstAndKeepsTheRest() {
        List<RTCRtpCodecCapability> libwebrtc = List.of(VP8, H264_BASE, H264_BASE_0, H264_CB, H264_CB_0, H264_MAIN);
        assertEquals(List.of(H264_CB, H264_BASE, H264_BASE_0, H264_CB_0, H264_MAIN, VP8),
                CodecOrder.forOffer(libwebrtc, VideoCodec.H264));
    }

    @Test
    void browserSafeIsConstrainedBaselineWithPacketizationModeOne() {
        assertTrue(CodecOrder.isBrowserSafe(H264_CB.getSDPFmtp()));
        assertTrue(CodecOrder.isBrowserSafe(Map.of("profile-level-id", "42C01F", "packetization-mode", "1")));
        assertFalse(CodecOrder.isBrowserSafe(H264_CB_0.getSDPFmtp()));
        assertFalse(CodecOrder.isBrowserSafe(H264_BASE.getSDPFmtp()));
        assertFalse(CodecOrder.isBrowserSafe(H264_MAIN.getSDPFmtp()));
        assertFalse(CodecOrder.isBrowserSafe(Map.of("profile-level-id", "zz", "packetization-mode", "1")));
        assertFalse(CodecOrder.isBrowserSafe(null));
    }

    @Test
    void unsupportedCodecIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodecOrder.forOffer(List.of(VP8, RTX), VideoCodec.AV1));
        assertTrue(e.getMessage().contains("av1"), e.getMessage());
    }

    private static RTCRtpCodecCapability h264(String profileLevelId, String mode) {
        return codec("H264", Map.of("profile-level-id", profileLevelId, "packetization-mode", mode,
                "level-asymmetry-allowed", "1"));
    }

    private static RTCRtpCodecCapability codec(String name, Map<String, String> fmtp) {
        return new RTCRtpCodecCapability(MediaType.VIDEO, name, 90000, null, fmtp);
    }
}
