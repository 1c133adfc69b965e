package dev.camrtc.media.rtc;

import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import java.nio.ByteBuffer;

/**
 * One whole depth frame as it came off a data channel, still encoded (raw or RVL, see
 * {@link DepthFrameHeader#codec()}), so that a receiver can pass RVL through (ROS compressedDepth)
 * without re-encoding. {@code payload[0..length)} is valid only during the listener call.
 *
 * @param stream           the stream name (the channel's label)
 * @param receivedAtMillis wall clock when the last chunk arrived
 */
public record ReceivedDepthFrame(String stream, DepthFrameHeader header, byte[] payload, int length,
                                 long receivedAtMillis) {

    /** Receive time minus capture time, in ms (the shared wall clock of both machines). */
    public long latencyMillis() {
        return receivedAtMillis - Math.floorDiv(header.captureTimeMicros(), 1000);
    }

    /**
     * Decodes the pixels (16-bit little-endian, {@code width x height}) into {@code depth} from its position.
     *
     * @throws dev.camrtc.media.depth.DepthFormatException when the payload is not a whole image of that size
     */
    public void decodeInto(DepthFrameCodec codec, ByteBuffer depth) {
        codec.decode(header, payload, 0, length, depth);
    }
}
