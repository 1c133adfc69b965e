package dev.camrtc.media.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FramePoolTest {

    private static CameraFrame take(FramePool pool, long seq) {
        return pool.acquire("color", 4, 2, PixelFormat.BGR8, seq, 1000 + seq);
    }

    @Test
    void growsOnlyToTheFramesInFlightAndReusesTheirBuffers() {
        FramePool pool = new FramePool("t", 8);
        ArrayDeque<CameraFrame> held = new ArrayDeque<>();
        for (int i = 0; i < 500; i++) {
            CameraFrame f = take(pool, i);
            assertTrue(f.buffer().isDirect());
            assertEquals(24, f.size());
            held.add(f);
            if (held.size() > 3) { // a consumer that keeps three frames in flight
                held.poll().release();
            }
        }
        assertEquals(4, pool.allocated(), "3 held + 1 being captured");
        assertEquals(4, pool.allocations(), "never allocated again after that");
        assertEquals(3, pool.inFlight());
        held.forEach(CameraFrame::release);
        assertEquals(0, pool.inFlight());
    }

    @Test
    void theLastReleaseReturnsTheBufferAtOnce() {
        FramePool pool = new FramePool("t", 2);
        CameraFrame a = take(pool, 1);
        java.nio.ByteBuffer buffer = a.buffer();
        a.retain();
        a.release();
        assertEquals(1, pool.inFlight(), "still one reference");
        a.release();
        assertEquals(0, pool.inFlight());
        CameraFrame b = take(pool, 2);
        assertSame(buffer, b.buffer(), "the next frame reuses the returned buffer");
        assertEquals(2, b.sequence());
        b.release();
    }

    @Test
    void doubleReleaseAndUseAfterReleaseThrow() {
        FramePool pool = new FramePool("t", 2);
        CameraFrame f = take(pool, 1);
        f.release();
        assertTrue(f.released());
        assertThrows(IllegalStateException.class, f::release, "double release");
        assertThrows(IllegalStateException.class, f::retain, "retain after release");
        assertThrows(IllegalStateException.class, f::pixels, "read after release");
        assertThrows(IllegalStateException.class, f::buffer, "read after release");
        assertEquals(0, pool.inFlight(), "the failed second release gave nothing back twice");
        CameraFrame g = take(pool, 2);
        CameraFrame h = take(pool, 3);
        assertNotNull(g);
        assertNotNull(h);
        assertEquals(2, pool.allocated(), "the double release did not put the buffer in the pool twice");
    }

    @Test
    void unpooledFramesCountTheSameWay() {
        CameraFrame f = new CameraFrame("s", 2, 2, PixelFormat.MONO8, java.nio.ByteBuffer.allocate(4), 0, 0);
        f.release();
        assertThrows(IllegalStateException.class, f::release);
    }

    @Test
    void aPoolAtItsBoundHandsOutNothingUntilAFrameComesBack() {
        FramePool pool = new FramePool("t", 2);
        CameraFrame a = take(pool, 1);
        CameraFrame b = take(pool, 2);
        assertNull(take(pool, 3), "bound reached: the producer skips the frame");
        a.release();
        CameraFrame c = take(pool, 4);
        assertNotNull(c);
        b.release();
        c.release();
        assertEquals(2, pool.allocations());
    }

    @Test
    void aLargerFrameSizeReplacesTheSmallerBuffers() {
        FramePool pool = new FramePool("t", 2);
        take(pool, 1).release();
        CameraFrame big = pool.acquire("color", 8, 8, PixelFormat.BGR8, 2, 0);
        assertEquals(192, big.size());
        assertEquals(1, pool.allocated());
        big.release();
    }

    @Test
    void copyIsIndependentOfThePool() {
        FramePool pool = new FramePool("t", 1);
        CameraFrame f = take(pool, 7);
        f.writablePixels().put(0, (byte) 42);
        CameraFrame copy = f.copy();
        f.release();
        assertEquals(42, copy.pixels().get(0));
        assertEquals(7, copy.sequence());
        assertEquals(0, pool.inFlight());
    }

    @Test
    void retainAndReleaseFromManyThreadsReturnTheBufferExactlyOnce() throws Exception {
        FramePool pool = new FramePool("t", 4);
        for (int round = 0; round < 200; round++) {
            CameraFrame f = take(pool, round);
            int threads = 4;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> ts = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                f.retain();
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        f.release();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                });
                th.start();
                ts.add(th);
            }
            go.countDown();
            f.release();
            for (Thread th : ts) {
                th.join();
            }
            assertEquals(0, failures.get());
            assertTrue(f.released());
            assertEquals(0, pool.inFlight());
        }
        assertEquals(1, pool.allocations());
    }

    @Test
    void closeDropsIdleBuffersAndRefusesNewFrames() {
        FramePool pool = new FramePool("t", 2);
        CameraFrame inFlight = take(pool, 1);
        take(pool, 2).release();
        pool.close();
        assertNull(take(pool, 3));
        assertEquals(1, pool.allocated(), "only the frame in flight is left");
        inFlight.release();
        assertEquals(0, pool.allocated());
    }

    @Test
    void droppedBuffersFreeTheirNativeMemoryAtOnceNotAtGc() {
        FramePool pool = new FramePool("t", 2);
        CameraFrame a = take(pool, 1);
        take(pool, 2).release();
        assertEquals(48, pool.nativeBytes(), "two 4x2 bgr8 buffers");
        a.release();
        CameraFrame big = pool.acquire("color", 8, 8, PixelFormat.BGR8, 3, 0);
        assertEquals(192, pool.nativeBytes(), "the two buffers too small for 8x8 were freed, not left to the GC");
        take(pool, 4).release();
        assertEquals(216, pool.nativeBytes());
        pool.close();
        assertEquals(192, pool.nativeBytes(), "close frees the idle buffer at once");
        big.release();
        assertEquals(0, pool.nativeBytes(), "the frame in flight at close frees its buffer on its last release");
        assertEquals(0, pool.allocated());
    }
}
