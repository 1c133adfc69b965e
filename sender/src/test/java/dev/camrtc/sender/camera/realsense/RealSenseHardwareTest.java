package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.StreamProfile;
import dev.camrtc.sender.control.ControlInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connected RealSense: runs only when librealsense finds one (rs2_query_devices > 0). */
@Tag("hardware")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealSenseHardwareTest {
    private static final StreamProfile VGA = new StreamProfile(640, 480, 30);

    @BeforeAll
    static void requireCamera() {
        try (RealSenseContext context = new RealSenseContext()) {
            assumeTrue(!context.devices().isEmpty(), "no RealSense connected");
        }
    }

    @Test
    void streamsColorAndInfraredWithIntrinsicsAndControls() throws Exception {
        RealSenseOptions o = new RealSenseOptions(new DeviceSelection.Camera(null),
                Map.of(RealSenseStream.COLOR, VGA, RealSenseStream.INFRARED, VGA), false, 300, 4000, 1000, "hw");
        List<CameraFrame> got = new CopyOnWriteArrayList<>();
        try (RealSenseSource source = new RealSenseSource(o)) {
            for (StreamDescription s : source.streams()) {
                assertEquals(640, s.width());
                assertTrue(s.intrinsics().fx() > 0, s.name());
            }
            List<ControlInfo> controls = source.controls().list();
            assertFalse(controls.isEmpty());
            source.start(f -> got.add(f.copy()));
            source.demand(Set.of("color", "infrared"));
            RealSenseSourceTest.waitFor(() -> got.stream().filter(f -> f.stream().equals("infrared")).count() >= 10
                    && got.stream().filter(f -> f.stream().equals("color")).count() >= 10);
            Object exposure = source.controls().get("exposure");
            assertEquals(exposure, source.controls().set("exposure", exposure));
        }
    }
}
