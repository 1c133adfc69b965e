package dev.camrtc.media.rtc;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.stamp.FrameStamp;
import java.util.Optional;

/**
 * A decoded frame as a receiver gets it.
 *
 * @param frame          the image (BGR8, or MONO8 for streams announced as mono8); its {@code sequence}
 *                       and {@code captureTimeMillis} come from the frame stamp when there is one, else
 *                       they are this receiver's frame count and {@code receivedAtMillis}
 * @param receivedAtMillis wall clock when the decoder handed the frame over
 * @param stamp          the decoded {@link FrameStamp}, if the frame carries one
 */
public record ReceivedFrame(CameraFrame frame, long receivedAtMillis, Optional<FrameStamp.Stamp> stamp) {

    /** Glass-to-glass latency in ms (receive time minus stamped capture time), or -1 without a stamp. */
    public long latencyMillis() {
        return stamp.map(s -> receivedAtMillis - s.captureTimeMillis()).orElse(-1L);
    }
}
