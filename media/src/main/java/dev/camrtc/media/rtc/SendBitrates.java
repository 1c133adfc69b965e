package dev.camrtc.media.rtc;

import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link PeerSettings#minBitrateBps()} and {@link PeerSettings#maxBitrateBps()} on every encoding of a
 * peer's video senders. Only after negotiation: libwebrtc has no encodings before it. Used by both sending
 * roles ({@link OfferingPeer}, {@link AnsweringSender}).
 */
final class SendBitrates {

    private static final Logger LOG = LoggerFactory.getLogger(SendBitrates.class);

    private SendBitrates() {
    }

    /** @param names the stream name of each sender, same order, for log lines */
    static void apply(String peerId, List<RTCRtpSender> senders, List<String> names, PeerSettings settings) {
        if (settings.minBitrateBps() == 0 && settings.maxBitrateBps() == 0) {
            return;
        }
        for (int i = 0; i < senders.size(); i++) {
            RTCRtpSender sender = senders.get(i);
            RTCRtpSendParameters p = sender.getParameters();
            if (p.encodings == null || p.encodings.isEmpty()) {
                LOG.warn("peer {}: stream {} has no encodings after negotiation, bitrate limits not set",
                        peerId, names.get(i));
                continue;
            }
            for (RTCRtpEncodingParameters e : p.encodings) {
                if (settings.minBitrateBps() > 0) {
                    e.minBitrate = settings.minBitrateBps();
                }
                if (settings.maxBitrateBps() > 0) {
                    e.maxBitrate = settings.maxBitrateBps();
                }
            }
            sender.setParameters(p);
        }
        LOG.debug("peer {}: bitrate {}..{} bit/s on {} streams", peerId, settings.minBitrateBps(),
                settings.maxBitrateBps(), senders.size());
    }
}
