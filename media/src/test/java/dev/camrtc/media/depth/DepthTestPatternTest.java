package dev.camrtc.media.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md 8 test pattern, pixels computed by hand. */
class DepthTestPatternTest {

    @Test
    void pixelsComputedByHand() {
        // (0,0,n=0): 0/32 + 0/32 + 0 = 0, mod 7 = 0 -> no depth
        assertEquals(0, DepthTestPattern.depth(0, 0, 0));
        // (31,31,0): still block (0,0) -> 0
        assertEquals(0, DepthTestPattern.depth(31, 31, 0));
        // (32,0,0): 1 + 0 + 0 = 1 -> 300 + (32 + 0 + 0) mod 4000 = 332
        assertEquals(332, DepthTestPattern.depth(32, 0, 0));
        // (639,479,0): 19 + 14 + 0 = 33, mod 7 = 5 -> 300 + (639 + 958) = 1897
        assertEquals(1897, DepthTestPattern.depth(639, 479, 0));
        // (0,0,1): 1 -> 300 + 5 = 305
        assertEquals(305, DepthTestPattern.depth(0, 0, 1));
        // (100,200,3): 3 + 6 + 3 = 12, mod 7 = 5 -> 300 + (100 + 400 + 15) = 815
        assertEquals(815, DepthTestPattern.depth(100, 200, 3));
        // (0,0,7): 7 mod 7 = 0 -> 0
        assertEquals(0, DepthTestPattern.depth(0, 0, 7));
        // (10,10,1000): 1000 mod 7 = 6 -> 300 + (10 + 20 + 5000) mod 4000 = 300 + 1030 = 1330
        assertEquals(1330, DepthTestPattern.depth(10, 10, 1000));
        // (0,0,2^32-1): 4294967295 = 7 * 613566756 + 3 -> depth; 5 * 4294967295 = 21474836475,
        // mod 4000 = 475 -> 775 (no int overflow)
        assertEquals(775, DepthTestPattern.depth(0, 0, 4_294_967_295L));
    }

    @Test
    void fillDrawsTheFormulaLittleEndianFromThePosition() {
        int w = 70;
        int h = 40;
        ByteBuffer b = ByteBuffer.allocate(4 + w * h * 2);
        b.position(4);
        DepthTestPattern.fill(b, w, h, 3);
        assertEquals(4, b.position());
        assertNull(DepthTestPattern.firstMismatch(b, w, h, 3));
        // (0,0): frame 3 drew 3 -> 300 + 15 = 315; frame 6 wants 6 -> 300 + 30 = 330
        assertEquals("(0, 0) = 315, want 330", DepthTestPattern.firstMismatch(b, w, h, 6));
        // (64,32,3): 2 + 1 + 3 = 6 -> 300 + (64 + 64 + 15) = 443 = 0x01BB, little-endian
        int at = 4 + 2 * (32 * w + 64);
        assertEquals(0xBB, b.get(at) & 0xFF);
        assertEquals(0x01, b.get(at + 1) & 0xFF);
        assertEquals(443, b.order(ByteOrder.LITTLE_ENDIAN).getShort(at));
    }
}
