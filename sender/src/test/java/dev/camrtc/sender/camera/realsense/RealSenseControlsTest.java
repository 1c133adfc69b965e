package dev.camrtc.sender.camera.realsense;

import static org.bytedeco.librealsense2.global.realsense2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.librealsense2.rs2_device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Controls against real librealsense option objects: a software device with D435-like option ranges. */
class RealSenseControlsTest {
    private SoftwareDeviceLibrary rs;
    private Pointer device;
    private RealSenseControls controls;

    @BeforeEach
    void createDevice() {
        rs = SoftwareDeviceLibrary.load();
        PointerByReference e = new PointerByReference();
        device = rs.rs2_create_software_device(e);
        rs.check(e, "rs2_create_software_device");
        Pointer stereo = rs.rs2_software_device_add_sensor(device, "Stereo Module", e);
        rs.rs2_software_sensor_add_option(stereo, RS2_OPTION_EXPOSURE, 1, 165000, 1, 8500, 1, e);
        rs.rs2_software_sensor_add_option(stereo, RS2_OPTION_GAIN, 16, 248, 1, 16, 1, e);
        rs.rs2_software_sensor_add_option(stereo, RS2_OPTION_ENABLE_AUTO_EXPOSURE, 0, 1, 1, 1, 1, e);
        rs.rs2_software_sensor_add_option(stereo, RS2_OPTION_LASER_POWER, 0, 360, 30, 150, 1, e);
        rs.rs2_software_sensor_add_option(stereo, RS2_OPTION_EMITTER_ENABLED, 0, 2, 1, 1, 1, e);
        rs.check(e, "rs2_software_sensor_add_option");
        Pointer rgb = rs.rs2_software_device_add_sensor(device, "RGB Camera", e);
        rs.rs2_software_sensor_add_option(rgb, RS2_OPTION_EXPOSURE, 41, 10000, 1, 166, 1, e);
        rs.check(e, "rs2_software_sensor_add_option");
        rs.rs2_delete_sensor(stereo);
        rs.rs2_delete_sensor(rgb);
        rs2_device handle = new rs2_device(new org.bytedeco.javacpp.Pointer() {
            {
                address = Pointer.nativeValue(device);
            }
        });
        controls = new RealSenseControls(new DeviceAccess() {
            @Override
            public <T> T withDevice(String control, DeviceAction<T> action) throws ControlException {
                return action.apply(handle);
            }
        });
    }

    @AfterEach
    void deleteDevice() {
        rs.rs2_delete_device(device);
    }

    @Test
    void listsEachControlWithTheCamerasOwnRange() {
        Map<String, ControlInfo> list = controls.list().stream().collect(Collectors.toMap(ControlInfo::name, c -> c));
        assertEquals(List.of("exposure", "gain", "auto_exposure", "laser_power", "emitter_enabled"),
                controls.list().stream().map(ControlInfo::name).toList());
        assertEquals(new ControlInfo("exposure", 1, 165000, 1, 8500, 8500), list.get("exposure"), "stereo module first");
        assertEquals(new ControlInfo("laser_power", 0, 360, 30, 150, 150), list.get("laser_power"));
        assertEquals(new ControlInfo("auto_exposure", 0, 1, 1, true, true), list.get("auto_exposure"));
        assertTrue(list.get("emitter_enabled").isBoolean());
    }

    @Test
    void setsAndReadsBackValuesRoundedToTheStep() throws ControlException {
        assertEquals(20000, controls.set("exposure", 20000));
        assertEquals(20000, controls.get("exposure"));
        assertEquals(180, controls.set("laser_power", 170), "rounded to the 30 step");
        assertEquals(false, controls.set("auto_exposure", false));
        assertEquals(false, controls.get("auto_exposure"));
        assertEquals(true, controls.set("emitter_enabled", 1));
    }

    @Test
    void refusesBadValuesChangingNothing() throws ControlException {
        ControlException high = assertThrows(ControlException.class, () -> controls.set("exposure", 200000));
        assertEquals("exposure", high.control());
        assertEquals("exposure must be between 1 and 165000 (got 200000)", high.getMessage());
        assertThrows(ControlException.class, () -> controls.set("gain", 8));
        assertThrows(ControlException.class, () -> controls.set("gain", "loud"));
        assertThrows(ControlException.class, () -> controls.set("auto_exposure", 2));
        ControlException unknown = assertThrows(ControlException.class, () -> controls.set("zoom", 2));
        assertEquals("zoom", unknown.control());
        assertEquals(8500, controls.get("exposure"));
        assertEquals(16, controls.get("gain"));
        assertEquals(true, controls.get("auto_exposure"));
    }
}
