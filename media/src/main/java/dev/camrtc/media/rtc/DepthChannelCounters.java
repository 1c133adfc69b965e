package dev.camrtc.media.rtc;

/**
 * Counts of one received depth channel.
 *
 * @param framesReceived  whole frames reassembled
 * @param framesDelivered frames given to the {@link DepthFrameListener}
 * @param framesSkipped   frames replaced by a newer one before the listener took them
 * @param framesDropped   frames begun but dropped (chunks missing, out of order, too large, bad size)
 * @param chunksDropped   messages refused (bad magic, codec, header, size, or out of order)
 */
public record DepthChannelCounters(long framesReceived, long framesDelivered, long framesSkipped, long framesDropped,
                                   long chunksDropped) {
}
