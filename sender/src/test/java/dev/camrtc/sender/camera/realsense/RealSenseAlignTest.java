package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.SourceOptions;
import dev.camrtc.sender.camera.StreamProfile;
import dev.camrtc.sender.camera.sources.CameraSources;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --align-depth}: librealsense's align block on recordings written at test time by its software device. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealSenseAlignTest {
    private static final int FRAMES = 4;
    private static final StreamProfile VGA = new StreamProfile(640, 480, 30);

    @TempDir
    static Path dir;
    /** Depth with its own intrinsics, 15 mm beside color. */
    static Path offset;
    /** Depth with color's intrinsics and identity extrinsics. */
    static Path coincident;

    @BeforeAll
    static void record() {
        offset = dir.resolve("offset.bag");
        RealSenseTestRecording.write(offset, FRAMES);
        coincident = dir.resolve("coincident.bag");
        RealSenseTestRecording.writeCoincident(coincident, FRAMES);
    }

    static RealSenseOptions aligned(Path file) {
        return new RealSenseOptions(new DeviceSelection.Recording(file, false),
                Map.of(RealSenseStream.COLOR, VGA, RealSenseStream.INFRARED, VGA, RealSenseStream.DEPTH, VGA),
                false, 300, 4000, 1000, "test", true);
    }

    @Test
    void announcesDepthWithColorsSizeAndIntrinsics() {
        try (RealSenseSource source = new RealSenseSource(aligned(offset))) {
            Map<String, StreamDescription> byName = new java.util.HashMap<>();
            source.streams().forEach(s -> byName.put(s.name(), s));
            StreamDescription color = byName.get("color");
            assertEquals(RealSenseTestRecording.INTRINSICS.get(RealSenseStream.COLOR), color.intrinsics());
            for (String depth : List.of("depth", "depth_z16")) {
                StreamDescription d = byName.get(depth);
                assertEquals(List.of(color.width(), color.height(), 30), List.of(d.width(), d.height(), d.fps()), depth);
                assertEquals(color.intrinsics(), d.intrinsics(), depth + " announced in color's intrinsics");
            }
            assertEquals(RealSenseTestRecording.INTRINSICS.get(RealSenseStream.INFRARED), byName.get("infrared").intrinsics());
        }
        try (RealSenseSource plain = new RealSenseSource(RealSenseSourceTest.options(offset, false))) {
            assertEquals(RealSenseTestRecording.INTRINSICS.get(RealSenseStream.DEPTH), plain.streams().stream()
                    .filter(s -> s.name().equals("depth_z16")).findFirst().orElseThrow().intrinsics(), "without --align-depth");
        }
    }

    /**
     * Measured with librealsense 2.53.1: when depth has color's intrinsics and the extrinsics are the identity, the
     * align block's output equals the recorded depth bit for bit (zeros included). Demanding only depth_z16 is
     * enough: the source runs color too, as the align block needs it.
     */
    @Test
    void alignedDepthOfACoincidentRecordingIsTheRecordedDepth() throws Exception {
        List<CameraFrame> got = new CopyOnWriteArrayList<>();
        try (RealSenseSource source = new RealSenseSource(aligned(coincident))) {
            source.start(f -> got.add(f.copy()));
            source.demand(Set.of("depth_z16", "depth"));
            RealSenseSourceTest.waitFor(() -> count(got, "depth_z16") >= FRAMES + 1 && count(got, "depth") >= FRAMES + 1, got);
        }
        List<CameraFrame> raw = got.stream().filter(f -> f.stream().equals("depth_z16")).toList();
        Set<Integer> seen = new java.util.TreeSet<>();
        for (CameraFrame f : raw) {
            assertEquals(List.of(640, 480), List.of(f.width(), f.height()));
            int index = f.pixels().getInt(0);
            seen.add(index);
            assertArrayEquals(RealSenseTestRecording.expectedPixels(RealSenseStream.DEPTH, index),
                    RealSenseSourceTest.bytes(f.pixels()), "aligned depth frame #" + index);
        }
        assertTrue(seen.containsAll(List.of(0, 1, 2, 3)), "every recorded frame aligned: " + seen);
        DepthColorizer colorizer = new DepthColorizer(300, 4000);
        List<CameraFrame> colorized = got.stream().filter(f -> f.stream().equals("depth")).toList();
        for (int i = 0; i < Math.min(raw.size(), colorized.size()); i++) {
            ByteBuffer expected = ByteBuffer.allocate(640 * 480 * 3);
            colorizer.colorize(raw.get(i).pixels(), 640 * 2, 640, 480, expected);
            assertArrayEquals(RealSenseSourceTest.bytes(expected), RealSenseSourceTest.bytes(colorized.get(i).pixels()),
                    "the colorized view " + i + " shows the aligned depth");
        }
    }

    /** With depth's own intrinsics and a 15 mm offset the block really reprojects: no frame is the recorded one. */
    @Test
    void alignedDepthOfAnOffsetRecordingIsReprojected() throws Exception {
        List<CameraFrame> got = new CopyOnWriteArrayList<>();
        try (RealSenseSource source = new RealSenseSource(aligned(offset))) {
            source.start(f -> got.add(f.copy()));
            source.demand(Set.of("depth_z16"));
            RealSenseSourceTest.waitFor(() -> count(got, "depth_z16") >= FRAMES, got);
        }
        for (CameraFrame f : got.stream().filter(f -> f.stream().equals("depth_z16")).toList()) {
            assertEquals(List.of(640, 480), List.of(f.width(), f.height()));
            byte[] pixels = RealSenseSourceTest.bytes(f.pixels());
            for (int k = -1; k < FRAMES; k++) {
                assertFalse(Arrays.equals(RealSenseTestRecording.expectedPixels(RealSenseStream.DEPTH, k), pixels),
                        "aligned frame equals recorded frame " + k);
            }
            int nonZero = 0;
            for (int i = 0; i < pixels.length; i += 2) {
                nonZero += (pixels[i] | pixels[i + 1]) != 0 ? 1 : 0;
            }
            assertTrue(nonZero > 640 * 480 / 2, "most color pixels get a depth: " + nonZero);
        }
    }

    @Test
    void alignDepthNeedsDepth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceOptions.defaults().withAlignDepth(true));
        assertEquals("--align-depth aligns depth to color: add --enable-depth", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RealSenseOptions(new DeviceSelection.Recording(offset, false),
                Map.of(RealSenseStream.COLOR, VGA), false, 300, 4000, 1000, "test", true));
        assertEquals("--align-depth needs depth: add --enable-depth", e.getMessage());
    }

    @Test
    void sourcesThatCannotAlignRefuseAtStartup() {
        SourceOptions o = SourceOptions.defaults().withStreams(false, true).withAlignDepth(true);
        for (String spec : List.of("testpattern", "file:/nonexistent.mp4")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraSources.open(spec, o), spec);
            assertTrue(e.getMessage().startsWith("--align-depth works only with a RealSense"), e.getMessage());
            assertTrue(e.getMessage().endsWith("cannot align depth: drop --align-depth"), e.getMessage());
        }
    }

    private static long count(List<CameraFrame> got, String name) {
        return got.stream().filter(f -> f.stream().equals(name)).count();
    }
}
