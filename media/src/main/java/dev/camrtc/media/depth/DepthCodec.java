package dev.camrtc.media.depth;

/** The codec byte of a depth chunk header (PROTOCOL.md 8). */
public enum DepthCodec {
    /** width x height uint16 little-endian, row-major, no padding. */
    RAW(0),
    /** {@link RvlCodec}. */
    RVL(1);

    private final int wireId;

    DepthCodec(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }

    /** The codec of a wire id, or null for an unknown one. */
    public static DepthCodec fromWireId(int id) {
        return switch (id) {
            case 0 -> RAW;
            case 1 -> RVL;
            default -> null;
        };
    }
}
