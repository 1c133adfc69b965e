package dev.camrtc.media.rtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating and releasing libwebrtc data channels (the one place that knows their lifecycle). */
final class DataChannels {

    private static final Logger LOG = LoggerFactory.getLogger(DataChannels.class);

    private DataChannels() {
    }

    /** PROTOCOL.md 8: ordered, reliable (no maxRetransmits, no maxPacketLifeTime), negotiated in band. */
    static RTCDataChannelInit orderedReliable() {
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.ordered = true;
        init.negotiated = false;
        init.maxRetransmits = -1;
        init.maxPacketLifeTime = -1;
        init.id = -1;
        return init;
    }

    /**
     * Unregisters the observer, closes and disposes the channel, in that order (as webrtc-java's own tests
     * do), before its peer connection closes. A refusal is logged, never retried.
     */
    static void release(String peerId, RTCDataChannel channel) {
        String label = "?";
        try {
            label = channel.getLabel();
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        } catch (RuntimeException | Error e) {
            if (e instanceof Error && e.getClass() != Error.class) {
                throw (Error) e; // keep real VM errors; webrtc-java reports refusals as plain java.lang.Error
            }
            LOG.warn("peer {}: releasing data channel {}: {}", peerId, label, e.getMessage());
        }
    }
}
