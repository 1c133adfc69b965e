package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameDeliveryTest {

    @Test
    void aSlowListenerGetsTheNewestFrameOfEachStream() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        StreamTally color = new StreamTally();
        StreamTally ir = new StreamTally();
        try (FrameDelivery d = new FrameDelivery("t", f -> {
            got.add(f.frame().stream() + f.frame().sequence());
            inListener.countDown();
            await(release);
        })) {
            d.offer(frame("color", 1), color);
            assertTrue(inListener.await(2, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            for (int i = 2; i <= 5; i++) { // the listener is blocked: these replace each other
                d.offer(frame("color", i), color);
                d.offer(frame("ir", i), ir);
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(200), "offer never blocks");
            release.countDown();
            long deadline = System.currentTimeMillis() + 2000;
            while (got.size() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("color1", got.get(0));
            assertTrue(got.containsAll(List.of("color5", "ir5")), got.toString());
            assertEquals(3, got.size(), got.toString());
            assertEquals(2, color.snapshot().framesDelivered());
            assertEquals(3, color.snapshot().framesSkipped());
            assertEquals(3, ir.snapshot().framesSkipped());
        }
    }

    @Test
    void closeStopsDeliveryAndTheThread() throws Exception {
        List<Long> got = new CopyOnWriteArrayList<>();
        StreamTally tally = new StreamTally();
        FrameDelivery d = new FrameDelivery("closing", f -> got.add(f.frame().sequence()));
        d.close();
        d.offer(frame("color", 1), tally);
        Thread.sleep(100);
        assertTrue(got.isEmpty());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("frames-closing")), "delivery thread ended");
    }

    @Test
    void aFailingListenerDoesNotStopDelivery() throws Exception {
        List<Long> got = new CopyOnWriteArrayList<>();
        StreamTally tally = new StreamTally();
        try (FrameDelivery d = new FrameDelivery("t", f -> {
            got.add(f.frame().sequence());
            if (f.frame().sequence() == 1) {
                throw new IllegalStateException("listener bug");
            }
        })) {
            d.offer(frame("color", 1), tally);
            Thread.sleep(100);
            d.offer(frame("color", 2), tally);
            long deadline = System.currentTimeMillis() + 2000;
            while (got.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(1L, 2L), got);
        }
    }

    private static ReceivedFrame frame(String stream, long sequence) {
        CameraFrame f = new CameraFrame(stream, 2, 2, PixelFormat.MONO8, ByteBuffer.allocate(4), sequence, 0);
        return new ReceivedFrame(f, 0, Optional.empty());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
