package dev.camrtc.media.rtc;

import dev.onvoid.webrtc.RTCRtpCodecCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order of the video codecs in the sender's offer: the preferred codec's entries first (all its profiles),
 * then every other codec in libwebrtc's order; among the H.264 entries, constrained baseline with
 * {@code packetization-mode=1} (profile-level-id 42e01f) comes first, because it is the one H.264 every browser
 * decodes (Safari does not take the plain baseline 42001f that libwebrtc lists first). libwebrtc M139's
 * software H.264 (OpenH264) offers, in this order: 42001f, 42e01f and 4d001f, each with packetization-mode 1
 * then 0 (read from a real offer; {@code OfferSdpTest}).
 */
final class CodecOrder {

    private static final String H264 = "video/H264";

    private CodecOrder() {
    }

    /** @throws IllegalArgumentException when this libwebrtc build cannot send {@code preferred} */
    static List<RTCRtpCodecCapability> forOffer(List<RTCRtpCodecCapability> capabilities, VideoCodec preferred) {
        List<RTCRtpCodecCapability> first = new ArrayList<>();
        List<RTCRtpCodecCapability> rest = new ArrayList<>();
        for (RTCRtpCodecCapability c : capabilities) {
            (preferred.mimeType().equalsIgnoreCase(c.getMimeType()) ? first : rest).add(c);
        }
        if (first.isEmpty()) {
            throw new IllegalArgumentException("codec " + preferred.name().toLowerCase(Locale.ROOT)
                    + " is not supported by this libwebrtc build");
        }
        first.addAll(rest);
        return constrainedBaselineFirst(first);
    }

    /** The same list with the H.264 entries' positions refilled: constrained baseline mode 1 first, else stable. */
    static List<RTCRtpCodecCapability> constrainedBaselineFirst(List<RTCRtpCodecCapability> codecs) {
        List<RTCRtpCodecCapability> h264 = new ArrayList<>();
        for (RTCRtpCodecCapability c : codecs) {
            if (H264.equalsIgnoreCase(c.getMimeType()) && isBrowserSafe(c.getSDPFmtp())) {
                h264.add(c);
            }
        }
        for (RTCRtpCodecCapability c : codecs) {
            if (H264.equalsIgnoreCase(c.getMimeType()) && !isBrowserSafe(c.getSDPFmtp())) {
                h264.add(c);
            }
        }
        List<RTCRtpCodecCapability> out = new ArrayList<>(codecs.size());
        int next = 0;
        for (RTCRtpCodecCapability c : codecs) {
            out.add(H264.equalsIgnoreCase(c.getMimeType()) ? h264.get(next++) : c);
        }
        return out;
    }

    /**
     * Constrained baseline (profile_idc 0x42 with constraint_set1_flag, RFC 6184 8.1) and non-interleaved
     * packetization (mode 1, which every browser sends and receives).
     */
    static boolean isBrowserSafe(Map<String, String> fmtp) {
        if (fmtp == null || !"1".equals(fmtp.get("packetization-mode"))) {
            return false;
        }
        String id = fmtp.get("profile-level-id");
        if (id == null || id.length() != 6) {
            return false;
        }
        try {
            int profileIdc = Integer.parseInt(id.substring(0, 2), 16);
            int constraints = Integer.parseInt(id.substring(2, 4), 16);
            return profileIdc == 0x42 && (constraints & 0x40) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
