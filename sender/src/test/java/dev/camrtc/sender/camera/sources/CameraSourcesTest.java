package dev.camrtc.sender.camera.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.camera.SourceOptions;
import dev.camrtc.sender.camera.StreamProfile;
import dev.camrtc.sender.camera.javacv.GrabberSource;
import dev.camrtc.sender.camera.realsense.RealSenseContext;
import dev.camrtc.sender.camera.realsense.RealSenseSource;
import dev.camrtc.sender.camera.realsense.RealSenseTestRecording;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraSourcesTest {
    @TempDir
    Path dir;

    @Test
    void badSpecsListTheValidForms() {
        for (String bad : new String[] {"", "webcam", "bag:", "v4l2:", "file:", "mjpeg:ftp://host/x", "mjpeg:",
            "testpattern:x", "realsense:123", "auto:", "REALSENSE"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CameraSources.open(bad, SourceOptions.defaults()), bad);
            assertEquals("unknown camera source '" + bad + "'; valid forms: " + CameraSources.VALID_FORMS, e.getMessage());
        }
    }

    @Test
    void testPatternTakesItsSizeFromTheColorProfile() {
        SourceOptions o = SourceOptions.defaults();
        o = new SourceOptions(null, StreamProfile.parse("320x240x15"), o.infraProfile(), o.depthProfile(), false, false,
                false, 300, 4000, 1000, true, "lab", false, o.ros());
        try (CameraSource s = CameraSources.open("testpattern", o)) {
            assertInstanceOf(TestPatternSource.class, s);
            StreamDescription color = s.streams().get(0);
            assertEquals(List.of("color", 320, 240, 15, "bgr8"),
                    List.of(color.name(), color.width(), color.height(), color.fps(), color.encoding()));
        }
    }

    @Test
    void autoFallsBackToTheTestPatternWithoutACamera() {
        try (RealSenseContext context = new RealSenseContext()) {
            assumeTrue(context.devices().isEmpty(), "a RealSense is connected");
        }
        try (CameraSource s = CameraSources.open("auto", SourceOptions.defaults())) {
            assertInstanceOf(TestPatternSource.class, s);
        }
    }

    @Test
    void realsenseWithoutACameraSaysWhatWasLookedForAndHowToFixIt() {
        try (RealSenseContext context = new RealSenseContext()) {
            assumeTrue(context.devices().isEmpty(), "a RealSense is connected");
        }
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class,
                () -> CameraSources.open("realsense", SourceOptions.defaults().withSerial("000111")));
        assertEquals("no RealSense camera found (looked for the RealSense with serial 000111; connected: none)."
                + " Plug it into a USB 3 port and make sure this user may open it (install librealsense's udev rules"
                + " 99-realsense-libusb.rules, or add the user to the plugdev group), or pass --source testpattern",
                e.getMessage());
    }

    @Test
    void bagOpensTheRecordingWithTheEnabledStreams() {
        Path bag = dir.resolve("lab.bag");
        RealSenseTestRecording.write(bag, 2);
        try (CameraSource s = CameraSources.open("bag:" + bag, SourceOptions.defaults())) {
            assertInstanceOf(RealSenseSource.class, s);
            assertEquals(List.of("color", "infrared"), s.streams().stream().map(StreamDescription::name).toList());
        }
        try (CameraSource s = CameraSources.open("bag:" + bag, SourceOptions.defaults().withStreams(false, true))) {
            assertEquals(List.of("color", "infrared", "depth", "depth_z16"),
                    s.streams().stream().map(StreamDescription::name).toList());
        }
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class,
                () -> CameraSources.open("bag:" + bag, SourceOptions.defaults().withStreams(true, false)));
        assertTrue(e.getMessage().contains("infrared2 640x480x30"), e.getMessage());
    }

    @Test
    void ffmpegSpecsOpenGrabbersAndFailClearly() {
        CameraUnavailableException webcam = assertThrows(CameraUnavailableException.class,
                () -> CameraSources.open("v4l2:/dev/video98", SourceOptions.defaults()));
        assertTrue(webcam.getMessage().startsWith("webcam /dev/video98 not found"), webcam.getMessage());
        CameraUnavailableException file = assertThrows(CameraUnavailableException.class,
                () -> CameraSources.open("file:" + dir.resolve("x.mp4"), SourceOptions.defaults()));
        assertTrue(file.getMessage().startsWith("video file "), file.getMessage());
        assertTrue(GrabberSource.STREAM.equals("color"));
    }

    @Test
    void helpDescribesEveryStream() {
        String help = CameraSources.streamHelp();
        for (String stream : new String[] {"color:", "infrared:", "infrared2:", "depth:"}) {
            assertTrue(help.contains(stream), help);
        }
    }
}
