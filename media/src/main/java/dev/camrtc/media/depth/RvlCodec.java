package dev.camrtc.media.depth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RVL (Wilson, "Fast Lossless Depth Image Compression", 2017) for 16-bit depth, byte for byte as
 * {@code CompressRVL} of ROS's {@code compressed_depth_image_transport} writes it (PROTOCOL.md 8).
 *
 * <p>The stream: for the pixels in row-major order, repeat until the end: the length of the next run of
 * zeros, the length of the following run of non-zeros, then for each non-zero value the zig-zag code
 * {@code (d << 1) ^ (d >> 31)} of its difference {@code d} from the previous non-zero value (the first
 * previous is 0). Each number is written in 4-bit nibbles, least significant 3 bits first, the high bit
 * of a nibble set when more follow; nibbles fill 32-bit words from the most significant end, each word
 * stored little-endian; the last word is padded with zero nibbles.
 *
 * <p>Pixels are 16-bit little-endian values in a {@link ByteBuffer}, read and written at absolute
 * indices from its position (its byte order, position and limit are not used or changed). Nothing is
 * allocated per frame: the caller supplies every buffer. An instance holds the bit-packing state of one
 * call and is not thread-safe; keep one per thread (or per stream).
 *
 * <p>The decoder is strict: it accepts exactly what the encoder writes for the given pixel count
 * (whole words, runs that fit the image, non-zero values in 1..65535, zero padding, no trailing bytes),
 * and never reads or writes outside the given ranges.
 */
public final class RvlCodec {

    private static final VarHandle U16 = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Largest zig-zag code of a difference of two uint16 values: 2 * 65535. */
    private static final int MAX_ZIGZAG = 131_070;
    /** 11 nibbles carry 33 bits: enough for any int. */
    private static final int MAX_NIBBLES = 11;

    private int word;
    private int nibbles;
    private byte[] buf;
    private int pos;
    private int end;

    /**
     * The most bytes {@link #encode} can write for {@code pixels} pixels: 6 nibbles per pixel (a zig-zag
     * code is at most 17 bits), a few more for the run lengths, rounded up to whole words. About 1.5 times
     * the raw size.
     */
    public static int maxEncodedSize(int pixels) {
        if (pixels < 0) {
            throw new IllegalArgumentException("negative pixel count " + pixels);
        }
        // each run pair after the first costs at most 5 nibbles more than 6 per pixel of its zeros, unless its
        // non-zero run is >= 8^5 pixels long (at most pixels / 32768 such runs, 6 nibbles each); the first pair 12
        long nibbleBound = 6L * pixels + 12 + 6L * (pixels / 32_768);
        long bytes = (nibbleBound + 7) / 8 * 4;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(pixels + " pixels are too many for one RVL frame");
        }
        return (int) bytes;
    }

    /**
     * Encodes {@code pixels} 16-bit little-endian values of {@code depth} (from its position).
     *
     * @param out       receives the RVL bytes from {@code outOffset}; needs {@link #maxEncodedSize} bytes
     * @return the number of bytes written (a multiple of 4)
     */
    public int encode(ByteBuffer depth, int pixels, byte[] out, int outOffset) {
        int base = depth.position();
        if (pixels < 0 || (long) pixels * 2 > depth.remaining()) {
            throw new IllegalArgumentException(pixels + " pixels need " + 2L * pixels + " bytes, the depth buffer has "
                    + depth.remaining());
        }
        int bound = maxEncodedSize(pixels);
        if (outOffset < 0 || outOffset > out.length || out.length - outOffset < bound) {
            throw new IllegalArgumentException("RVL output needs " + bound + " bytes from offset " + outOffset
                    + " for " + pixels + " pixels, the array has " + out.length);
        }
        start(out, outOffset, out.length);
        int i = 0;
        int previous = 0;
        while (i < pixels) {
            int zerosStart = i;
            while (i < pixels && pixel(depth, base, i) == 0) {
                i++;
            }
            put(i - zerosStart);
            int runStart = i;
            while (i < pixels && pixel(depth, base, i) != 0) {
                i++;
            }
            put(i - runStart);
            for (int j = runStart; j < i; j++) {
                int current = pixel(depth, base, j);
                int d = current - previous;
                put((d << 1) ^ (d >> 31));
                previous = current;
            }
        }
        if (nibbles > 0) {
            writeWord(word << (4 * (8 - nibbles)));
        }
        buf = null;
        return pos - outOffset;
    }

    /**
     * Decodes exactly {@code length} RVL bytes of {@code in} from {@code offset} into {@code pixels}
     * 16-bit little-endian values of {@code depth} (from its position).
     *
     * @throws DepthFormatException when the bytes are not one whole RVL image of {@code pixels} pixels
     * @throws IllegalArgumentException when a range does not fit its buffer
     */
    public void decode(byte[] in, int offset, int length, ByteBuffer depth, int pixels) {
        if (offset < 0 || length < 0 || offset > in.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside an array of " + in.length);
        }
        int base = depth.position();
        if (pixels < 0 || (long) pixels * 2 > depth.remaining()) {
            throw new IllegalArgumentException(pixels + " pixels need " + 2L * pixels + " bytes, the depth buffer has "
                    + depth.remaining());
        }
        if (depth.isReadOnly()) {
            throw new IllegalArgumentException("the depth output buffer is read-only");
        }
        if (length % 4 != 0) {
            throw new DepthFormatException("RVL data of " + length + " bytes is not a whole number of 32-bit words");
        }
        start(in, offset, offset + length);
        try {
            int i = 0;
            int previous = 0;
            while (i < pixels) {
                int zeros = take("zero run", pixels - i);
                for (int stop = i + zeros; i < stop; i++) {
                    U16.set(depth, base + 2 * i, (short) 0);
                }
                int nonzeros = take("non-zero run", pixels - i);
                if (zeros == 0 && nonzeros == 0) {
                    throw new DepthFormatException("empty run pair at pixel " + i + " of " + pixels);
                }
                for (int stop = i + nonzeros; i < stop; i++) {
                    int code = take("difference", MAX_ZIGZAG);
                    int current = previous + ((code >>> 1) ^ -(code & 1));
                    if (current < 1 || current > 0xFFFF) {
                        throw new DepthFormatException("pixel " + i + " of a non-zero run decodes to " + current);
                    }
                    U16.set(depth, base + 2 * i, (short) current);
                    previous = current;
                }
            }
            if (nibbles > 0 && word != 0) {
                throw new DepthFormatException("non-zero padding after the last of " + pixels + " pixels");
            }
            if (pos != end) {
                throw new DepthFormatException((end - pos) + " bytes after the last of " + pixels + " pixels (overlong)");
            }
        } finally {
            buf = null;
        }
    }

    private static int pixel(ByteBuffer depth, int base, int i) {
        return Short.toUnsignedInt((short) U16.get(depth, base + 2 * i));
    }

    private void start(byte[] array, int from, int to) {
        buf = array;
        pos = from;
        end = to;
        word = 0;
        nibbles = 0;
    }

    /** Appends one number as nibbles (encoder). */
    private void put(int value) {
        do {
            int nibble = value & 0x7;
            value >>>= 3;
            if (value != 0) {
                nibble |= 0x8;
            }
            word = (word << 4) | nibble;
            if (++nibbles == 8) {
                writeWord(word);
                word = 0;
                nibbles = 0;
            }
        } while (value != 0);
    }

    private void writeWord(int w) {
        WORD.set(buf, pos, w);
        pos += 4;
    }

    /** Reads one number (decoder); {@code max} is the largest value that makes sense here. */
    private int take(String what, int max) {
        long value = 0;
        for (int n = 0; ; n++) {
            if (n == MAX_NIBBLES) {
                throw new DepthFormatException(what + " longer than " + MAX_NIBBLES + " nibbles");
            }
            if (nibbles == 0) {
                if (pos == end) {
                    throw new DepthFormatException("RVL data truncated: it ends inside a " + what);
                }
                word = (int) WORD.get(buf, pos);
                pos += 4;
                nibbles = 8;
            }
            int nibble = word >>> 28;
            word <<= 4;
            nibbles--;
            value |= (long) (nibble & 0x7) << (3 * n);
            if ((nibble & 0x8) == 0) {
                break;
            }
        }
        if (value > max) {
            throw new DepthFormatException(what + " of " + value + " where at most " + max + " fits");
        }
        return (int) value;
    }
}
