package dev.camrtc.sender.camera.realsense;

import dev.camrtc.sender.control.ControlException;
import org.bytedeco.librealsense2.rs2_device;

/** Lends the current device handle for the duration of one call (camera options). */
@FunctionalInterface
interface DeviceAccess {

    /** Runs {@code action} on the device; throws ControlException naming {@code control} when there is none. */
    <T> T withDevice(String control, DeviceAction<T> action) throws ControlException;

    @FunctionalInterface
    interface DeviceAction<T> {
        T apply(rs2_device device) throws ControlException;
    }
}
