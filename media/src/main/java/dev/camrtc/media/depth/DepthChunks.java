package dev.camrtc.media.depth;

/** Sizes and header layout of the depth chunks of PROTOCOL.md 8 (all little-endian). */
public final class DepthChunks {

    /** {@code CZ16} read as a little-endian uint32. */
    public static final int MAGIC = 0x36315A43;
    public static final int HEADER_BYTES = 24;
    /** Largest message, header included. */
    public static final int MAX_CHUNK_BYTES = 65_536;
    public static final int MAX_PAYLOAD_BYTES = MAX_CHUNK_BYTES - HEADER_BYTES;
    public static final int MAX_CHUNKS = 255;
    /** Largest encoded frame that fits in 255 chunks. */
    public static final int MAX_FRAME_BYTES = MAX_CHUNKS * MAX_PAYLOAD_BYTES;

    static final int AT_MAGIC = 0;
    static final int AT_COUNTER = 4;
    static final int AT_TIME = 8;
    static final int AT_WIDTH = 16;
    static final int AT_HEIGHT = 18;
    static final int AT_CODEC = 20;
    static final int AT_INDEX = 21;
    static final int AT_COUNT = 22;
    static final int AT_RESERVED = 23;

    private DepthChunks() {
    }

    /** How many chunks carry {@code payloadBytes} (at least 1). */
    public static int chunkCount(int payloadBytes) {
        if (payloadBytes < 0 || payloadBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("a depth frame of " + payloadBytes + " bytes does not fit in "
                    + MAX_CHUNKS + " chunks (at most " + MAX_FRAME_BYTES + ")");
        }
        return Math.max(1, (payloadBytes + MAX_PAYLOAD_BYTES - 1) / MAX_PAYLOAD_BYTES);
    }
}
