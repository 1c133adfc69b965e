package dev.camrtc.media.rtc;

/**
 * Receives decoded frames. Called on the peer's delivery thread (one per {@link AnsweringPeer}), never
 * on a libwebrtc thread. It may take its time: while it runs, only the newest frame of each stream is
 * kept and older ones are skipped (counted in {@link StreamCounters#framesSkipped()}).
 */
@FunctionalInterface
public interface FrameListener {
    void onFrame(ReceivedFrame frame);
}
