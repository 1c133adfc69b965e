package dev.camrtc.ros.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void aSteadyStreamReusesOneBufferAndThePoolGrowsOnlyToTheBuffersLeasedAtOnce() {
        try (BufferPool pool = new BufferPool("color")) {
            for (int i = 0; i < 500; i++) {
                try (BufferPool.Lease l = pool.acquire(921_600)) {
                    assertEquals(921_600, l.buffer().capacity());
                    assertEquals(true, l.buffer().isDirect());
                }
            }
            assertEquals(1, pool.createdCount());
            List<BufferPool.Lease> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(pool.acquire(921_600));
            }
            three.forEach(BufferPool.Lease::release);
            for (int i = 0; i < 300; i++) {
                BufferPool.Lease a = pool.acquire(921_600);
                BufferPool.Lease b = pool.acquire(921_600);
                a.release();
                b.release();
            }
            assertEquals(3, pool.createdCount(), "grew to the 3 leased at once, then only reused");
            assertEquals(3, pool.liveCount());
            assertEquals(0, pool.leasedCount());
        }
    }

    @Test
    void releasingTwiceIsAnError() {
        try (BufferPool pool = new BufferPool("color")) {
            BufferPool.Lease l = pool.acquire(100);
            l.release();
            IllegalStateException e = assertThrows(IllegalStateException.class, l::release);
            assertEquals("a buffer of color was released twice", e.getMessage());
            assertEquals(0, pool.leasedCount());
        }
        ReadyImage image = new ReadyImage(new CameraFrame("ir", 2, 2, PixelFormat.MONO8, ByteBuffer.allocate(4), 0, 0),
                Instant.EPOCH);
        image.release();
        assertThrows(IllegalStateException.class, image::release);
    }

    @Test
    void anotherSizeFreesTheIdleBuffersAndCloseFreesTheRestAsTheyComeBack() {
        BufferPool pool = new BufferPool("color");
        BufferPool.Lease small = pool.acquire(100);
        BufferPool.Lease small2 = pool.acquire(100);
        small2.release();
        BufferPool.Lease big = pool.acquire(400); // the sender changed resolution
        assertEquals(2, pool.liveCount(), "the idle 100-byte buffer was freed");
        small.release(); // comes back in the old size: freed
        assertEquals(1, pool.liveCount());
        pool.close();
        assertEquals(1, pool.liveCount(), "the leased buffer lives until it comes back");
        big.release();
        assertEquals(0, pool.liveCount());
        assertThrows(IllegalStateException.class, () -> pool.acquire(400));
    }
}
