package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.sender.camera.CaptureLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealSenseFramePublisherTest {
    private final DepthColorizer colorizer = new DepthColorizer(300, 4000);
    private final List<CameraFrame> got = new ArrayList<>();
    private final List<CameraFrame> delivered = new ArrayList<>();

    /** The loop's frame services with real pools; keeps a copy of each delivered frame and releases it. */
    private final class TestFrames implements CaptureLoop.Frames {
        final Set<String> demand;
        final Map<String, FramePool> pools = new HashMap<>();
        final Map<String, Long> seq = new HashMap<>();

        TestFrames(Set<String> demand) {
            this.demand = demand;
        }

        @Override
        public Set<String> demand() {
            return demand;
        }

        @Override
        public CameraFrame acquireMicros(String stream, int w, int h, PixelFormat format, long micros) {
            long n = seq.merge(stream, 1L, Long::sum);
            return pools.computeIfAbsent(stream, s -> new FramePool(s, 2))
                    .acquireMicros(stream, w, h, format, n, micros);
        }

        @Override
        public CameraFrame acquireMicros(String stream, int w, int h, PixelFormat format, long micros, long sequence) {
            seq.put(stream, sequence);
            return pools.computeIfAbsent(stream, s -> new FramePool(s, 2))
                    .acquireMicros(stream, w, h, format, sequence, micros);
        }

        @Override
        public void deliver(CameraFrame frame) {
            got.add(frame.copy());
            delivered.add(frame);
            frame.release();
        }

        @Override
        public boolean waitUntil(long deadlineNanos) {
            return true;
        }
    }

    /** A 4x2 frame whose rows are {@code stride} bytes apart (padding bytes 0x7F), pixel bytes 0, 1, 2, ... */
    private static CapturedFrame frame(RealSenseStream s, int stride) {
        int row = 4 * s.pixelFormat().bytesPerPixel();
        ByteBuffer data = ByteBuffer.allocate(stride * 2);
        for (int y = 0; y < 2; y++) {
            for (int i = 0; i < stride; i++) {
                data.put(y * stride + i, (byte) (i < row ? y * row + i : 0x7F));
            }
        }
        return new CapturedFrame(s, 4, 2, stride, data);
    }

    private static CapturedFrame frame(RealSenseStream s) {
        return frame(s, 4 * s.pixelFormat().bytesPerPixel());
    }

    @Test
    void publishesOnlyDemandedNamesWithTheirFormatsAndSequences() {
        RealSenseFramePublisher p = new RealSenseFramePublisher(colorizer, false);
        TestFrames frames = new TestFrames(Set.of("infrared", "depth"));
        for (int i = 0; i < 2; i++) {
            p.publish(frame(RealSenseStream.COLOR), frames);
            p.publish(frame(RealSenseStream.INFRARED), frames);
            p.publish(frame(RealSenseStream.DEPTH), frames);
        }
        assertEquals(List.of("infrared", "depth", "infrared", "depth"), got.stream().map(CameraFrame::stream).toList());
        assertEquals(List.of(PixelFormat.MONO8, PixelFormat.BGR8), got.subList(0, 2).stream().map(CameraFrame::format).toList());
        assertEquals(List.of(1L, 1L, 2L, 2L), got.stream().map(CameraFrame::sequence).toList());
        assertTrue(delivered.stream().allMatch(CameraFrame::released), "every pooled frame went back");
        frames.pools.values().forEach(pool -> assertEquals(1, pool.allocated(), pool.name() + " reused one buffer"));
    }

    @Test
    void copiesPaddedRowsTightlyPacked() {
        RealSenseFramePublisher p = new RealSenseFramePublisher(colorizer, false);
        p.publish(frame(RealSenseStream.INFRARED, 8), new TestFrames(Set.of("infrared")));
        byte[] px = new byte[8];
        got.get(0).pixels().get(px);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, px);
    }

    @Test
    void rawDepthOnlyOnExplicitDemandEvenWhenAlwaysOn() {
        RealSenseFramePublisher p = new RealSenseFramePublisher(colorizer, true);
        p.publish(frame(RealSenseStream.DEPTH), new TestFrames(Set.of()));
        assertEquals(List.of("depth"), got.stream().map(CameraFrame::stream).toList());
        got.clear();
        p.publish(frame(RealSenseStream.DEPTH), new TestFrames(Set.of("depth_z16")));
        assertEquals(List.of("depth_z16", "depth"), got.stream().map(CameraFrame::stream).toList());
        assertEquals(PixelFormat.Z16, got.get(0).format());
    }
}
