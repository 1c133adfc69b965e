package dev.camrtc.media.depth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code data} of a ROS {@code sensor_msgs/CompressedImage} with format {@value #FORMAT}, as
 * {@code compressed_depth_image_transport} writes and decodes it for 16-bit depth: a 12-byte config header
 * (int32 format 0, float32 depth parameters 0 and 0, unused for 16-bit depth), uint32 cols, uint32 rows,
 * then the RVL bytes, all little-endian. A receiver passes the RVL payload it got over the data channel
 * straight through: no re-encoding.
 */
public final class CompressedDepth {

    /** The {@code format} field: image encoding, then the codec after {@code ;}. */
    public static final String FORMAT = "16UC1; compressedDepth rvl";
    /** Config header (12) + cols (4) + rows (4). */
    public static final int PREFIX_BYTES = 20;

    private CompressedDepth() {
    }

    /** Bytes of a message carrying {@code rvlBytes} of RVL. */
    public static int size(int rvlBytes) {
        return Math.addExact(PREFIX_BYTES, rvlBytes);
    }

    /**
     * Writes the message data for a {@code width x height} image whose RVL bytes are
     * {@code rvl[offset..offset+length)} into {@code out} at its position (absolute; position not moved).
     *
     * @return the number of bytes written, {@link #size}{@code (length)}
     */
    public static int write(int width, int height, byte[] rvl, int offset, int length, ByteBuffer out) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("bad depth size " + width + "x" + height);
        }
        if (offset < 0 || length < 0 || offset > rvl.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside an array of " + rvl.length);
        }
        int total = size(length);
        if (out.remaining() < total) {
            throw new IllegalArgumentException("compressedDepth data needs " + total + " bytes, the buffer has "
                    + out.remaining());
        }
        ByteBuffer o = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = out.position();
        o.putInt(p, 0);           // compressionFormat INV_DEPTH (0); ignored for 16-bit depth
        o.putFloat(p + 4, 0f);    // depthParam[0]
        o.putFloat(p + 8, 0f);    // depthParam[1]
        o.putInt(p + 12, width);  // cols
        o.putInt(p + 16, height); // rows
        o.put(p + PREFIX_BYTES, rvl, offset, length);
        return total;
    }
}
