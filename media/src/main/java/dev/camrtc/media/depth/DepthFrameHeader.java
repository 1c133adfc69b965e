package dev.camrtc.media.depth;

import java.util.Objects;

/**
 * What every chunk of one depth frame says about it (PROTOCOL.md 8).
 *
 * @param counter           frame counter, uint32 (the section-7 stamp counter of that tick's video
 *                          frames when the source stamps them, else the sender's own frame count)
 * @param captureTimeMicros capture time, microseconds since the Unix epoch
 * @param width             1..65535
 * @param height            1..65535
 */
public record DepthFrameHeader(long counter, long captureTimeMicros, int width, int height, DepthCodec codec) {

    public DepthFrameHeader {
        if (counter < 0 || counter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("depth frame counter " + counter + " is not a uint32");
        }
        if (width < 1 || width > 0xFFFF || height < 1 || height > 0xFFFF) {
            throw new IllegalArgumentException("depth frame size " + width + "x" + height + " is not 1..65535 each way");
        }
        Objects.requireNonNull(codec, "codec");
    }

    public int pixels() {
        return width * height;
    }

    /** Bytes of the image as raw uint16 ({@link DepthCodec#RAW}). */
    public int rawBytes() {
        return width * height * 2;
    }
}
