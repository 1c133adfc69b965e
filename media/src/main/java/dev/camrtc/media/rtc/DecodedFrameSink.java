package dev.camrtc.media.rtc;

import dev.camrtc.media.frame.PixelFormat;
import dev.onvoid.webrtc.media.video.I420Buffer;

/**
 * Takes a received track's decoded frames as libwebrtc hands them over, before any conversion, for a
 * receiver that converts only the frames it keeps (the ROS receiver). The alternative to a
 * {@link FrameListener}: no {@link FrameDelivery} thread, no copy.
 *
 * <p>Called on libwebrtc's decoder thread of the track: hand off and return at once, never block.
 * {@code i420} is valid during the call only; to keep it longer, {@code retain()} it and {@code release()}
 * it exactly once later (from any thread). The sink releases the frame it was given itself.
 */
@FunctionalInterface
public interface DecodedFrameSink {

    /**
     * @param format           BGR8, or MONO8 for a stream announced as mono8
     * @param receivedAtMillis wall clock when the decoder handed the frame over
     */
    void onDecodedFrame(String stream, PixelFormat format, I420Buffer i420, long receivedAtMillis);
}
