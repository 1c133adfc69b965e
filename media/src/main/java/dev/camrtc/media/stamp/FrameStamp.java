package dev.camrtc.media.stamp;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The frame stamp of PROTOCOL.md section 7: a band of 2 x 40 black/white blocks in the top 2/30 of an
 * image that carries a 24-bit frame counter and a 44-bit capture time (ms since the Unix epoch), so any
 * receiver can measure glass-to-glass latency and lost frames after lossy video compression.
 *
 * <p>Bits, in block order: {@code 1, 0} (references), counter (24 bits, MSB first), time (44 bits, MSB
 * first), CRC-8 (poly 0x07, init 0) over counter (3 bytes BE) + time (6 bytes BE), {@code 0, 1}.
 *
 * <p>Encoding writes into a tightly packed BGR8 / MONO8 image or into a luma plane; decoding reads an
 * I420 Y plane (any stride) or a BGR8 / MONO8 image. All methods are stateless and thread-safe.
 */
public final class FrameStamp {

    /** A decoded stamp. {@code counter} is the sender's frame counter modulo 2^24. */
    public record Stamp(long counter, long captureTimeMillis) { }

    public static final int ROWS = 2;
    public static final int COLUMNS = 40;
    public static final int BLOCKS = ROWS * COLUMNS;
    public static final int COUNTER_BITS = 24;
    public static final int TIME_BITS = 44;
    public static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    public static final long TIME_MASK = (1L << TIME_BITS) - 1;
    /** Smallest image that holds a band with at least one pixel per block. */
    public static final int MIN_WIDTH = COLUMNS;
    public static final int MIN_HEIGHT = 30;

    /** Minimum white - black difference (luma levels) for a stamp to be read. */
    static final double MIN_CONTRAST = 60;
    /** A block closer than this fraction of the contrast to the threshold is ambiguous. */
    static final double AMBIGUITY = 0.20;

    private FrameStamp() { }

    /** Band height in pixel rows for an image of this height: round(height * 2 / 30). */
    public static int bandHeight(int height) {
        return (int) Math.round(height * 2.0 / 30.0);
    }

    /** The 80 bits of a stamp, in block order. */
    public static boolean[] bits(long counter, long captureTimeMillis) {
        if (captureTimeMillis < 0 || captureTimeMillis > TIME_MASK) {
            throw new IllegalArgumentException("capture time " + captureTimeMillis + " ms does not fit in 44 bits");
        }
        long c = counter & COUNTER_MASK;
        boolean[] bits = new boolean[BLOCKS];
        bits[0] = true;
        bits[1] = false;
        int k = 2;
        for (int i = COUNTER_BITS - 1; i >= 0; i--) {
            bits[k++] = ((c >>> i) & 1) != 0;
        }
        for (int i = TIME_BITS - 1; i >= 0; i--) {
            bits[k++] = ((captureTimeMillis >>> i) & 1) != 0;
        }
        int crc = crc8(c, captureTimeMillis);
        for (int i = 7; i >= 0; i--) {
            bits[k++] = ((crc >>> i) & 1) != 0;
        }
        bits[k++] = false;
        bits[k] = true;
        return bits;
    }

    /** The 9 CRC input bytes: counter (3 bytes, big-endian) then time (6 bytes, big-endian). */
    public static byte[] crcInput(long counter, long captureTimeMillis) {
        byte[] b = new byte[9];
        long c = counter & COUNTER_MASK;
        for (int i = 0; i < 3; i++) {
            b[i] = (byte) (c >>> (8 * (2 - i)));
        }
        for (int i = 0; i < 6; i++) {
            b[3 + i] = (byte) (captureTimeMillis >>> (8 * (5 - i)));
        }
        return b;
    }

    /** CRC-8, polynomial 0x07, initial value 0, no reflection, no final XOR. */
    public static int crc8(byte[] data) {
        int crc = 0;
        for (byte value : data) {
            crc ^= value & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    static int crc8(long counter, long captureTimeMillis) {
        return crc8(crcInput(counter, captureTimeMillis));
    }

    /**
     * Draws the band into a tightly packed BGR8 or MONO8 image ({@code width * bytesPerPixel} bytes per
     * row, starting at index 0 of {@code pixels}; the buffer's position is not used or changed).
     */
    public static void encode(ByteBuffer pixels, int width, int height, PixelFormat format,
                              long counter, long captureTimeMillis) {
        int bpp = switch (format) {
            case BGR8 -> 3;
            case MONO8 -> 1;
            default -> throw new IllegalArgumentException("frame stamp needs bgr8 or mono8, not " + format.rosEncoding());
        };
        draw(pixels, width * bpp, bpp, width, height, counter, captureTimeMillis);
    }

    /** Draws the band into a luma (Y) plane with the given row stride. */
    public static void encodeLuma(ByteBuffer luma, int stride, int width, int height,
                                  long counter, long captureTimeMillis) {
        draw(luma, stride, 1, width, height, counter, captureTimeMillis);
    }

    private static void draw(ByteBuffer buf, int stride, int bpp, int width, int height,
                             long counter, long captureTimeMillis) {
        checkSize(width, height);
        if (stride < width * bpp || buf.capacity() < (long) stride * (height - 1) + (long) width * bpp) {
            throw new IllegalArgumentException("buffer of " + buf.capacity() + " bytes is too small for "
                    + width + "x" + height + " with stride " + stride);
        }
        boolean[] bits = bits(counter, captureTimeMillis);
        int band = bandHeight(height);
        for (int k = 0; k < BLOCKS; k++) {
            byte v = bits[k] ? (byte) 255 : 0;
            int r = k / COLUMNS;
            int c = k % COLUMNS;
            int y0 = edge(r, band, ROWS);
            int y1 = edge(r + 1, band, ROWS);
            int x0 = edge(c, width, COLUMNS);
            int x1 = edge(c + 1, width, COLUMNS);
            for (int y = y0; y < y1; y++) {
                int row = y * stride;
                for (int i = x0 * bpp; i < x1 * bpp; i++) {
                    buf.put(row + i, v);
                }
            }
        }
    }

    /** Reads the stamp of a BGR8 or MONO8 frame; empty when the frame has none or it is unreadable. */
    public static Optional<Stamp> decode(CameraFrame frame) {
        return decode(frame.buffer(), frame.width(), frame.height(), frame.format());
    }

    /** Reads the stamp of a tightly packed BGR8 or MONO8 image (rows from index 0). */
    public static Optional<Stamp> decode(ByteBuffer pixels, int width, int height, PixelFormat format) {
        return switch (format) {
            case BGR8 -> read(pixels, width * 3, 3, width, height);
            case MONO8 -> read(pixels, width, 1, width, height);
            default -> Optional.empty();
        };
    }

    /** Reads the stamp of a luma plane (e.g. the Y plane of an I420 frame) with the given row stride. */
    public static Optional<Stamp> decodeLuma(ByteBuffer luma, int stride, int width, int height) {
        return read(luma, stride, 1, width, height);
    }

    private static Optional<Stamp> read(ByteBuffer buf, int stride, int bpp, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT
                || buf.capacity() < (long) stride * (bandHeight(height) - 1) + (long) width * bpp) {
            return Optional.empty();
        }
        double[] level = new double[BLOCKS];
        int band = bandHeight(height);
        for (int k = 0; k < BLOCKS; k++) {
            level[k] = blockMean(buf, stride, bpp, width, band, k);
        }
        double white = (level[0] + level[BLOCKS - 1]) / 2;
        double black = (level[1] + level[BLOCKS - 2]) / 2;
        double contrast = white - black;
        if (contrast < MIN_CONTRAST) {
            return Optional.empty();
        }
        double threshold = (white + black) / 2;
        boolean[] bits = new boolean[BLOCKS];
        for (int k = 0; k < BLOCKS; k++) {
            if (Math.abs(level[k] - threshold) < AMBIGUITY * contrast) {
                return Optional.empty();
            }
            bits[k] = level[k] > threshold;
        }
        if (!bits[0] || bits[1] || bits[BLOCKS - 2] || !bits[BLOCKS - 1]) {
            return Optional.empty();
        }
        long counter = field(bits, 2, COUNTER_BITS);
        long time = field(bits, 2 + COUNTER_BITS, TIME_BITS);
        long crc = field(bits, 2 + COUNTER_BITS + TIME_BITS, 8);
        if (crc != crc8(counter, time)) {
            return Optional.empty();
        }
        return Optional.of(new Stamp(counter, time));
    }

    /** Mean luma of the centre half of block k (BT.601 luma for BGR). */
    private static double blockMean(ByteBuffer buf, int stride, int bpp, int width, int band, int k) {
        int r = k / COLUMNS;
        int c = k % COLUMNS;
        int y0 = edge(r, band, ROWS);
        int y1 = edge(r + 1, band, ROWS);
        int x0 = edge(c, width, COLUMNS);
        int x1 = edge(c + 1, width, COLUMNS);
        int h = y1 - y0;
        int w = x1 - x0;
        int ys = y0 + h / 4;
        int ye = Math.max(ys + 1, y1 - h / 4);
        int xs = x0 + w / 4;
        int xe = Math.max(xs + 1, x1 - w / 4);
        double sum = 0;
        for (int y = ys; y < ye; y++) {
            int row = y * stride;
            for (int x = xs; x < xe; x++) {
                int i = row + x * bpp;
                if (bpp == 1) {
                    sum += buf.get(i) & 0xFF;
                } else {
                    int b = buf.get(i) & 0xFF;
                    int g = buf.get(i + 1) & 0xFF;
                    int rr = buf.get(i + 2) & 0xFF;
                    sum += 0.114 * b + 0.587 * g + 0.299 * rr;
                }
            }
        }
        return sum / ((double) (ye - ys) * (xe - xs));
    }

    private static long field(boolean[] bits, int from, int count) {
        long v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | (bits[from + i] ? 1 : 0);
        }
        return v;
    }

    /** round(i * length / parts), in integers (round half up). */
    private static int edge(int i, int length, int parts) {
        return (int) ((2L * i * length + parts) / (2L * parts));
    }

    private static void checkSize(int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("frame stamp needs at least " + MIN_WIDTH + "x" + MIN_HEIGHT
                    + " pixels, not " + width + "x" + height);
        }
    }
}
