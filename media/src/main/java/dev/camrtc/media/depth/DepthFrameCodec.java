package dev.camrtc.media.depth;

import java.nio.ByteBuffer;

/**
 * A frame's payload in either codec of PROTOCOL.md 8, to and from 16-bit little-endian depth pixels.
 * Holds one {@link RvlCodec}; allocation-free per frame; not thread-safe (one per stream and thread).
 */
public final class DepthFrameCodec {

    private final RvlCodec rvl = new RvlCodec();

    /** Bytes {@link #encode} may need for a frame of {@code pixels} pixels in {@code codec}. */
    public static int maxEncodedSize(DepthCodec codec, int pixels) {
        return codec == DepthCodec.RAW ? Math.multiplyExact(pixels, 2) : RvlCodec.maxEncodedSize(pixels);
    }

    /**
     * Encodes {@code width x height} pixels of {@code depth} (from its position) into {@code out}.
     *
     * @return the payload length
     */
    public int encode(DepthCodec codec, ByteBuffer depth, int width, int height, byte[] out, int outOffset) {
        int pixels = Math.multiplyExact(width, height);
        if (codec == DepthCodec.RVL) {
            return rvl.encode(depth, pixels, out, outOffset);
        }
        int bytes = pixels * 2;
        if (depth.remaining() < bytes || outOffset < 0 || outOffset > out.length - bytes) {
            throw new IllegalArgumentException("a raw " + width + "x" + height + " frame needs " + bytes + " bytes in and out");
        }
        depth.get(depth.position(), out, outOffset, bytes);
        return bytes;
    }

    /**
     * Decodes a frame's payload into {@code header.width() x header.height()} 16-bit little-endian pixels of
     * {@code depth} (from its position; position not moved).
     *
     * @throws DepthFormatException when the payload is not a whole image of that size
     */
    public void decode(DepthFrameHeader header, byte[] payload, int offset, int length, ByteBuffer depth) {
        if (depth.remaining() < header.rawBytes()) {
            throw new IllegalArgumentException("a " + header.width() + "x" + header.height() + " depth image needs "
                    + header.rawBytes() + " bytes, the buffer has " + depth.remaining());
        }
        if (header.codec() == DepthCodec.RVL) {
            rvl.decode(payload, offset, length, depth, header.pixels());
            return;
        }
        if (length != header.rawBytes()) {
            throw new DepthFormatException("a raw " + header.width() + "x" + header.height() + " frame is "
                    + header.rawBytes() + " bytes, not " + length);
        }
        depth.put(depth.position(), payload, offset, length);
    }
}
