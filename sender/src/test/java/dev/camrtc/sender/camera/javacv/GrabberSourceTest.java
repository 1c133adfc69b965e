package dev.camrtc.sender.camera.javacv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.control.ControlException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Webcam/file/MJPEG sources through the real FFmpeg, on files and a loopback MJPEG camera made by the test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrabberSourceTest {
    @TempDir
    Path dir;

    @Test
    void losslessFilePlaysEveryFrameBitExactInOrderAndLoops() throws Exception {
        Path clip = TestClips.lossless(dir.resolve("clip.nut"), 5);
        List<CameraFrame> got = new CopyOnWriteArrayList<>();
        try (GrabberSource source = new GrabberSource(new GrabberSpec(GrabberSpec.Kind.FILE, clip.toString(), 0, 0, 0),
                false, 200, "test")) {
            assertEquals(List.of(new StreamDescription("color", 320, 240, 30, "bgr8")), source.streams());
            source.start(f -> got.add(f.copy()));
            Thread.sleep(200);
            assertEquals(0, got.size(), "nothing captured before demand");
            long started = System.nanoTime();
            source.demand(Set.of("color"));
            waitFor(() -> got.size() >= 12);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(seconds > 0.3, "played at the file's own rate, 12 frames took " + seconds + " s");
        }
        for (int i = 0; i < 12; i++) {
            CameraFrame f = got.get(i);
            assertEquals(PixelFormat.BGR8, f.format());
            assertEquals(320, f.width());
            assertEquals(240, f.height());
            assertEquals(i, f.sequence(), "the capture loop numbers each stream from 0");
            assertArrayEquals(TestClips.pixels(i % 5), bytes(f.pixels()), "frame " + i + " = recorded frame " + i % 5);
        }
    }

    @Test
    void mp4FileLoops() throws Exception {
        Path clip = TestClips.mp4(dir.resolve("clip.mp4"), 4);
        List<CameraFrame> got = new CopyOnWriteArrayList<>();
        try (GrabberSource source = new GrabberSource(new GrabberSpec(GrabberSpec.Kind.FILE, clip.toString(), 0, 0, 0),
                true, 200, "test")) {
            source.start(f -> got.add(f.copy()));
            waitFor(() -> got.size() >= 9);
        }
        for (int i = 0; i < 9; i++) {
            double mean = TestClips.mean(got.get(i).pixels());
            assertEquals(TestClips.level(i % 4), mean, 3.0, "frame " + i);
        }
    }

    @Test
    void mjpegCameraIsRepublishedNewestFirstWithoutBacklog() throws Exception {
        try (TestMjpegCamera camera = new TestMjpegCamera()) {
            List<CameraFrame> got = new CopyOnWriteArrayList<>();
            try (GrabberSource source = new GrabberSource(new GrabberSpec(GrabberSpec.Kind.MJPEG, camera.url(), 0, 0, 0),
                    false, 200, "test")) {
                assertEquals(320, source.streams().get(0).width());
                assertEquals(240, source.streams().get(0).height());
                source.start(f -> got.add(f.copy()));
                source.demand(Set.of("color"));
                waitFor(() -> got.size() >= 10);
                assertFresh(camera, got.get(got.size() - 1));
                assertOrdered(got);

                source.demand(Set.of());
                Thread.sleep(300);
                int before = got.size();
                Thread.sleep(700);
                assertTrue(got.size() - before <= 1, "capture stopped without demand");
                int resumedAt = got.size();
                source.demand(Set.of("color"));
                waitFor(() -> got.size() > resumedAt);
                assertFresh(camera, got.get(resumedAt));
            }
        }
    }

    /** The frame shows one of the camera's last few ticks: no backlog of old frames. */
    private static void assertFresh(TestMjpegCamera camera, CameraFrame frame) {
        int shown = TestMjpegCamera.tickOf(TestClips.mean(frame.pixels()));
        int now = camera.tick();
        int lag = Math.floorMod(now - shown, TestMjpegCamera.CYCLE);
        assertTrue(lag <= 4, "frame shows tick " + shown + " while the camera is at " + now);
    }

    private static void assertOrdered(List<CameraFrame> got) {
        List<Integer> ticks = new ArrayList<>();
        for (CameraFrame f : got) {
            assertEquals(320, f.width());
            ticks.add(TestMjpegCamera.tickOf(TestClips.mean(f.pixels())));
        }
        for (int i = 1; i < ticks.size(); i++) {
            int step = Math.floorMod(ticks.get(i) - ticks.get(i - 1), TestMjpegCamera.CYCLE);
            assertTrue(step >= 0 && step <= 4, "ticks in order: " + ticks);
        }
    }

    @Test
    void aMissingWebcamIsAClearError() {
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class,
                () -> new GrabberSource(new GrabberSpec(GrabberSpec.Kind.V4L2, "/dev/video97", 640, 480, 30), false, 200, "t"));
        assertEquals("webcam /dev/video97 not found: plug in a USB camera and check 'ls /dev/video*'"
                + " (or pass --source testpattern)", e.getMessage());
    }

    @Test
    void aDeviceThatIsNotAWebcamIsAClearError() {
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class,
                () -> new GrabberSource(new GrabberSpec(GrabberSpec.Kind.V4L2, "/dev/null", 640, 480, 30), false, 200, "t"));
        assertTrue(e.getMessage().startsWith("cannot open webcam /dev/null: "), e.getMessage());
    }

    @Test
    void unreachableMjpegCameraAndMissingFileAreClearErrors() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/stream";
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class,
                () -> new GrabberSource(new GrabberSpec(GrabberSpec.Kind.MJPEG, url, 0, 0, 0), false, 200, "t"));
        assertTrue(e.getMessage().startsWith("cannot open MJPEG camera " + url), e.getMessage());
        CameraUnavailableException f = assertThrows(CameraUnavailableException.class, () -> new GrabberSource(
                new GrabberSpec(GrabberSpec.Kind.FILE, dir.resolve("none.mp4").toString(), 0, 0, 0), false, 200, "t"));
        assertEquals("video file " + dir.resolve("none.mp4") + " does not exist or is not readable", f.getMessage());
    }

    @Test
    void hasNoControls() throws Exception {
        Path clip = TestClips.lossless(dir.resolve("c.nut"), 1);
        try (GrabberSource source = new GrabberSource(new GrabberSpec(GrabberSpec.Kind.FILE, clip.toString(), 0, 0, 0),
                false, 200, "t")) {
            assertEquals(List.of(), source.controls().list());
            ControlException e = assertThrows(ControlException.class, () -> source.controls().set("exposure", 100));
            assertEquals("exposure", e.control());
        }
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
