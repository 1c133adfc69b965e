package dev.camrtc.media.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A frame's capture time is microseconds since the epoch: made from microseconds (unpooled, pooled, copied) it
 * keeps the sub-millisecond part; made from milliseconds it is x 1000; the millisecond accessor floors (also
 * before 1970, where truncation would round up).
 */
class CameraFrameCaptureTimeTest {
    /** 2023-11-14T22:13:20.123456Z: a ROS header.stamp of ...123456789 ns, floored to µs. */
    private static final long MICROS = 1_700_000_000_123_456L;

    @Test
    void aFrameMadeFromMicrosecondsKeepsThemAndFloorsToMilliseconds() {
        CameraFrame f = CameraFrame.ofMicros("depth_z16", 2, 2, PixelFormat.Z16, ByteBuffer.allocate(8), 7, MICROS);
        assertEquals(MICROS, f.captureTimeMicros());
        assertEquals(1_700_000_000_123L, f.captureTimeMillis());
        CameraFrame copy = f.copy();
        assertEquals(MICROS, copy.captureTimeMicros(), "a copy keeps the microseconds");
        assertEquals(7, copy.sequence());
        f.release();
        copy.release();
    }

    @Test
    void aPooledFrameKeepsTheMicrosecondsItWasAcquiredWith() {
        try (FramePool pool = new FramePool("t", 2)) {
            CameraFrame f = pool.acquireMicros("depth_z16", 4, 2, PixelFormat.Z16, 1, MICROS);
            assertEquals(MICROS, f.captureTimeMicros());
            assertEquals(1_700_000_000_123L, f.captureTimeMillis());
            f.release();
            CameraFrame g = pool.acquire("depth_z16", 4, 2, PixelFormat.Z16, 2, 1_700_000_000_124L);
            assertEquals(1_700_000_000_124_000L, g.captureTimeMicros(), "milliseconds x 1000");
            g.release();
        }
    }

    @Test
    void millisecondsAreKeptAsMicrosecondsAndReadBackUnchanged() {
        CameraFrame f = new CameraFrame("color", 2, 2, PixelFormat.MONO8, ByteBuffer.allocate(4), 0, 1_700_000_000_123L);
        assertEquals(1_700_000_000_123_000L, f.captureTimeMicros());
        assertEquals(1_700_000_000_123L, f.captureTimeMillis());
        f.release();
    }

    @Test
    void millisecondsFloorBeforeTheEpochToo() {
        CameraFrame f = CameraFrame.ofMicros("color", 2, 2, PixelFormat.MONO8, ByteBuffer.allocate(4), 0, -1);
        assertEquals(-1, f.captureTimeMillis(), "1 µs before the epoch is in millisecond -1");
        f.release();
    }

    @Test
    void millisecondsThatOverflowMicrosecondsAreRefused() {
        assertThrows(ArithmeticException.class, () -> CameraFrame.microsOf(Long.MAX_VALUE / 1000 + 1));
        assertEquals(-5000, CameraFrame.microsOf(-5));
    }
}
