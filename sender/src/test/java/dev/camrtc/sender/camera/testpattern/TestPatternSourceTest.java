package dev.camrtc.sender.camera.testpattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.protocol.StreamDescription;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestPatternSourceTest {

    private final BlockingQueue<CameraFrame> frames = new LinkedBlockingQueue<>();
    private TestPatternSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private TestPatternSource start(TestPatternOptions options) {
        source = new TestPatternSource(options);
        source.start(f -> frames.add(f.copy()));
        return source;
    }

    private CameraFrame next() throws InterruptedException {
        CameraFrame f = frames.poll(10, TimeUnit.SECONDS);
        assertNotNull(f, "no frame within 10 s");
        return f;
    }

    @Test
    void announcesColorAndInfraredWithSizeRateEncodingAndIntrinsics() {
        TestPatternSource s = new TestPatternSource(new TestPatternOptions("lab", 320, 240, 15));
        List<StreamDescription> streams = s.streams();
        assertEquals(List.of("color", "infrared"), streams.stream().map(StreamDescription::name).toList());
        assertEquals(new StreamDescription("color", 320, 240, 15, "bgr8"), streams.get(0).withIntrinsics(null));
        assertEquals(new StreamDescription("infrared", 320, 240, 15, "mono8"), streams.get(1).withIntrinsics(null));
        assertEquals(160.0, streams.get(0).intrinsics().ppx());
        assertTrue(streams.get(1).intrinsics().fx() < streams.get(0).intrinsics().fx(), "infrared is wider");
        assertEquals("test pattern 320x240@15", s.description());
        s.close();
    }

    @Test
    void everyFrameCarriesItsCounterAndCaptureTimeInTheStamp() throws Exception {
        start(TestPatternOptions.defaults("stamp-test"));
        long before = System.currentTimeMillis();
        source.demand(Set.of("color", "infrared", "depth"));
        assertEquals(Set.of("color", "infrared"), source.demand());
        long[] expected = {0, 0};
        for (int i = 0; i < 20; i++) {
            CameraFrame f = next();
            int k = f.stream().equals("color") ? 0 : 1;
            assertEquals(k == 0 ? PixelFormat.BGR8 : PixelFormat.MONO8, f.format());
            assertEquals(640, f.width());
            assertEquals(480, f.height());
            assertEquals(expected[k]++, f.sequence(), "consecutive counter per stream");
            assertTrue(f.captureTimeMillis() >= before && f.captureTimeMillis() <= System.currentTimeMillis());
            FrameStamp.Stamp stamp = FrameStamp.decode(f).orElseThrow(() -> new AssertionError("no stamp in " + f));
            assertEquals(new FrameStamp.Stamp(f.sequence(), f.captureTimeMillis()), stamp);
        }
    }

    @Test
    void drawsOnlyDemandedStreamsAndIdlesWithoutDemand() throws Exception {
        start(new TestPatternOptions("demand-test", 320, 240, 30));
        assertNull(frames.poll(300, TimeUnit.MILLISECONDS), "nothing demanded before demand()");
        source.demand(Set.of("infrared"));
        for (int i = 0; i < 5; i++) {
            assertEquals("infrared", next().stream());
        }
        source.demand(Set.of());
        Thread.sleep(100);
        frames.clear();
        assertNull(frames.poll(300, TimeUnit.MILLISECONDS), "idle without demand");
        source.demand(Set.of("color"));
        CameraFrame f = next();
        assertEquals("color", f.stream());
        assertEquals(0, f.sequence(), "color counter starts at 0 with its first frame");
    }

    @Test
    void neverRunsFasterThanTheConfiguredRate() throws Exception {
        start(new TestPatternOptions("rate-test", 320, 240, 20));
        source.demand(Set.of("color"));
        CameraFrame first = next();
        long t0 = System.nanoTime();
        int count = 0;
        while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1500)) {
            if (frames.poll(100, TimeUnit.MILLISECONDS) != null) {
                count++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(count <= 20 * seconds + 2, count + " frames in " + seconds + " s at 20 fps");
        assertTrue(count >= 5, "only " + count + " frames in " + seconds + " s");
        assertEquals(0, first.sequence());
    }

    @Test
    void picturesMoveAndHaveTexture() throws Exception {
        start(TestPatternOptions.defaults("motion-test"));
        source.demand(Set.of("color", "infrared"));
        CameraFrame[] color = new CameraFrame[2];
        CameraFrame[] ir = new CameraFrame[2];
        while (color[1] == null || ir[1] == null) {
            CameraFrame f = next();
            CameraFrame[] slot = f.stream().equals("color") ? color : ir;
            if (slot[0] == null) {
                slot[0] = f;
            } else if (f.sequence() >= slot[0].sequence() + 10) {
                slot[1] = f;
            }
        }
        assertTrue(changedFraction(color[0], color[1]) > 0.03, "colour picture moves");
        assertTrue(changedFraction(ir[0], ir[1]) > 0.03, "infrared picture moves");
        assertTrue(distinctValues(color[0]) > 100, "colour is not flat");
        double speckle = meanNeighbourDifference(ir[0]);
        assertTrue(speckle > 4, "infrared has a speckle texture: " + speckle);
    }

    @Test
    void brightnessAndPatternControlsChangeThePicture() throws Exception {
        start(TestPatternOptions.defaults("control-test"));
        source.demand(Set.of("color"));
        CameraFrame plain = frameAfter(System.currentTimeMillis());
        source.controls().set("brightness", 60);
        CameraFrame bright = frameAfter(System.currentTimeMillis());
        assertTrue(mean(bright) > mean(plain) + 25, mean(plain) + " -> " + mean(bright));
        source.controls().set("brightness", 0);
        source.controls().set("pattern", 1);
        CameraFrame gradient = frameAfter(System.currentTimeMillis());
        assertTrue(distinctValues(gradient) > 3 * distinctValues(plain),
                "gradient has many more colours than bars: " + distinctValues(gradient) + " vs " + distinctValues(plain));
        assertEquals(1, source.controls().get("pattern"));
    }

    @Test
    void closeStopsTheCaptureThreadAndRefusesARestart() throws Exception {
        start(new TestPatternOptions("close-test", 320, 240, 30));
        source.demand(Set.of("color"));
        next();
        assertTrue(captureThreadAlive("close-test"));
        source.close();
        assertFalse(captureThreadAlive("close-test"));
        frames.clear();
        assertNull(frames.poll(200, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, () -> source.start(f -> frames.add(f.copy())));
        source.close();
    }

    private CameraFrame frameAfter(long millis) throws InterruptedException {
        while (true) {
            CameraFrame f = next();
            if (f.captureTimeMillis() > millis + 50) {
                return f;
            }
        }
    }

    private static boolean captureThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-pattern-" + name) && t.isAlive());
    }

    /** Fraction of bytes below the stamp band that differ by more than 30 levels. */
    private static double changedFraction(CameraFrame a, CameraFrame b) {
        ByteBuffer pa = a.pixels();
        ByteBuffer pb = b.pixels();
        int from = FrameStamp.bandHeight(a.height()) * a.stride();
        int changed = 0;
        for (int i = from; i < a.size(); i++) {
            if (Math.abs((pa.get(i) & 0xFF) - (pb.get(i) & 0xFF)) > 30) {
                changed++;
            }
        }
        return changed / (double) (a.size() - from);
    }

    private static int distinctValues(CameraFrame f) {
        ByteBuffer p = f.pixels();
        int bpp = f.format().bytesPerPixel();
        Set<Integer> values = new HashSet<>();
        for (int i = 0; i + bpp <= f.size(); i += bpp) {
            int v = 0;
            for (int c = 0; c < bpp; c++) {
                v = (v << 8) | (p.get(i + c) & 0xFF);
            }
            values.add(v);
        }
        return values.size();
    }

    private static double mean(CameraFrame f) {
        ByteBuffer p = f.pixels();
        long sum = 0;
        int from = FrameStamp.bandHeight(f.height()) * f.stride();
        for (int i = from; i < f.size(); i++) {
            sum += p.get(i) & 0xFF;
        }
        return sum / (double) (f.size() - from);
    }

    private static double meanNeighbourDifference(CameraFrame f) {
        ByteBuffer p = f.pixels();
        long sum = 0;
        int from = FrameStamp.bandHeight(f.height()) * f.stride();
        for (int i = from; i < f.size() - 1; i++) {
            sum += Math.abs((p.get(i) & 0xFF) - (p.get(i + 1) & 0xFF));
        }
        return sum / (double) (f.size() - 1 - from);
    }
}
