package dev.camrtc.media.rtc;

/**
 * Receives whole depth frames of a data-channel stream (PROTOCOL.md 8). Called on the channel's own
 * delivery thread ({@code depth-<peerId>-<stream>}), never on a libwebrtc thread. It may take its time:
 * meanwhile only the newest frame waits and older ones are skipped (counted). The frame's payload is
 * reused after the call returns: copy or decode it inside the call.
 */
@FunctionalInterface
public interface DepthFrameListener {
    void onDepthFrame(ReceivedDepthFrame frame);
}
