package dev.camrtc.sender.camera.realsense;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns z16 depth into a bgr8 view that a lossy video codec can carry: a jet colour map from blue (near)
 * to red (far) over a fixed range, black where the camera has no depth (0). One 65,536-entry lookup
 * table, so a 640x480 frame costs one table read per pixel.
 */
public final class DepthColorizer {
    private final byte[] lut = new byte[65536 * 3];
    private final int near;
    private final int far;

    /** Colours depth values {@code near..far} (camera units, millimetres on a D400) from blue to red. */
    public DepthColorizer(int near, int far) {
        if (near < 1 || far <= near || far > 65535) {
            throw new IllegalArgumentException("depth colour range must satisfy 1 <= near < far <= 65535: " + near + ".." + far);
        }
        this.near = near;
        this.far = far;
        for (int z = 1; z < 65536; z++) {
            double t = Math.min(1.0, Math.max(0.0, (z - near) / (double) (far - near)));
            lut[z * 3] = (byte) channel(t + 0.25);      // blue: strong when near
            lut[z * 3 + 1] = (byte) channel(t);           // green: middle
            lut[z * 3 + 2] = (byte) channel(t - 0.25);    // red: strong when far
        }
    }

    /** The jet ramp for one channel centred on 0.5: 0 -> 255 -> 0 over [0.125, 0.875]. */
    private static int channel(double t) {
        double v = 1.5 - Math.abs(4.0 * t - 2.0);
        return (int) Math.round(255 * Math.min(1.0, Math.max(0.0, v)));
    }

    public int near() {
        return near;
    }

    public int far() {
        return far;
    }

    /**
     * Colorizes {@code height} rows of {@code width} little-endian z16 values ({@code strideBytes} apart in
     * {@code z16}, from index 0) into {@code bgr}, tightly packed from its index 0. Allocates nothing.
     */
    public void colorize(ByteBuffer z16, int strideBytes, int width, int height, ByteBuffer bgr) {
        ByteBuffer depth = z16.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = bgr.duplicate();
        int o = 0;
        for (int y = 0; y < height; y++) {
            int rowStart = y * strideBytes;
            for (int x = 0; x < width; x++) {
                int l = (depth.getShort(rowStart + 2 * x) & 0xFFFF) * 3;
                out.put(o, lut[l]);
                out.put(o + 1, lut[l + 1]);
                out.put(o + 2, lut[l + 2]);
                o += 3;
            }
        }
    }

    /** The bgr8 colour of one depth value. */
    public int[] colorOf(int z) {
        int l = (z & 0xFFFF) * 3;
        return new int[] {lut[l] & 0xFF, lut[l + 1] & 0xFF, lut[l + 2] & 0xFF};
    }
}
