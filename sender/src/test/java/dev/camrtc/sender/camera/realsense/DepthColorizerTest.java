package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DepthColorizerTest {
    private final DepthColorizer colorizer = new DepthColorizer(300, 4000);

    @Test
    void noDepthIsBlackNearIsBlueFarIsRed() {
        assertArrayEquals(new int[] {0, 0, 0}, colorizer.colorOf(0));
        assertArrayEquals(new int[] {128, 0, 0}, colorizer.colorOf(300), "near: dark blue (bgr)");
        assertArrayEquals(new int[] {128, 0, 0}, colorizer.colorOf(1), "nearer than near clamps");
        assertArrayEquals(new int[] {0, 0, 128}, colorizer.colorOf(4000), "far: dark red");
        assertArrayEquals(new int[] {0, 0, 128}, colorizer.colorOf(65535));
        int[] middle = colorizer.colorOf(2150);
        assertEquals(255, middle[1], "middle of the range is green");
    }

    @Test
    void colorizesEveryPixelOfAFrame() {
        int[] depths = {0, 300, 2150, 4000, 1000, 3000};
        ByteBuffer z16 = ByteBuffer.allocate(depths.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int d : depths) {
            z16.putShort((short) d);
        }
        ByteBuffer bgr = ByteBuffer.allocate(18);
        colorizer.colorize(z16.flip(), 6, 3, 2, bgr);
        for (int i = 0; i < depths.length; i++) {
            int[] c = colorizer.colorOf(depths[i]);
            assertArrayEquals(c, new int[] {bgr.get(i * 3) & 0xFF, bgr.get(i * 3 + 1) & 0xFF, bgr.get(i * 3 + 2) & 0xFF});
        }
        int[] a = colorizer.colorOf(1000);
        int[] b = colorizer.colorOf(3000);
        assertTrue(a[0] > b[0] && a[2] < b[2], "nearer is bluer, farther is redder");
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> new DepthColorizer(4000, 300));
        assertThrows(IllegalArgumentException.class, () -> new DepthColorizer(0, 300));
    }
}
