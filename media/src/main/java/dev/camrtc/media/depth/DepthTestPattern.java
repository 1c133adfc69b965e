package dev.camrtc.media.depth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The test-pattern depth of PROTOCOL.md 8, in one place: the sender's synthetic source draws it and
 * every receiver test checks it. Depth units 0.001 (millimetres).
 *
 * <p>The pixel at column x, row y of the frame with counter n is 0 (no depth) when
 * {@code (x / 32 + y / 32 + n) mod 7 == 0} (integer division), else {@code 300 + ((x + 2 * y + 5 * n) mod 4000)}.
 * {@code n} is the frame counter of the chunk header (uint32), so the arithmetic is done in long.
 */
public final class DepthTestPattern {

    /** Metres per unit of the pattern (millimetres). */
    public static final double DEPTH_UNITS = 0.001;
    /** Frames after which the pattern repeats: lcm(7, 800) (the zero blocks cycle in 7, the values in 4000 / 5). */
    public static final long PERIOD = 5600;

    private static final VarHandle U16 = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private DepthTestPattern() {
    }

    /** The depth of pixel (x, y) of frame {@code n}: 0, or 300..4299. */
    public static int depth(int x, int y, long n) {
        if (Math.floorMod(x / 32 + y / 32 + n, 7L) == 0) {
            return 0;
        }
        return 300 + (int) Math.floorMod(x + 2L * y + 5L * n, 4000L);
    }

    /** Draws frame {@code n} as {@code width * height} 16-bit little-endian values from the buffer's position. */
    public static void fill(ByteBuffer depth, int width, int height, long n) {
        int base = depth.position();
        if ((long) width * height * 2 > depth.remaining()) {
            throw new IllegalArgumentException(width + "x" + height + " depth needs " + 2L * width * height
                    + " bytes, the buffer has " + depth.remaining());
        }
        for (int y = 0; y < height; y++) {
            int row = base + 2 * y * width;
            for (int x = 0; x < width; x++) {
                U16.set(depth, row + 2 * x, (short) depth(x, y, n));
            }
        }
    }

    /**
     * The first pixel of {@code depth} (16-bit little-endian from its position) that differs from frame
     * {@code n} of the pattern, as "(x, y) = got, want w", or null when every pixel matches.
     */
    public static String firstMismatch(ByteBuffer depth, int width, int height, long n) {
        int base = depth.position();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int got = Short.toUnsignedInt((short) U16.get(depth, base + 2 * (y * width + x)));
                int want = depth(x, y, n);
                if (got != want) {
                    return "(" + x + ", " + y + ") = " + got + ", want " + want;
                }
            }
        }
        return null;
    }
}
