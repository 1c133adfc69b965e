package dev.camrtc.media.rtc;

/**
 * Frame counts of one received stream.
 *
 * @param framesReceived  frames the decoder handed over
 * @param framesDelivered frames given to the {@link FrameListener}
 * @param framesSkipped   frames replaced by a newer one before the listener took them
 * @param framesStamped   received frames that carried a readable frame stamp
 * @param framesLost      gaps in the stamp counter: frames the sender stamped that never arrived
 *                        (dropped by the network, the encoder or the decoder)
 */
public record StreamCounters(long framesReceived, long framesDelivered, long framesSkipped, long framesStamped,
                             long framesLost) {
}
