package dev.camrtc.sender.camera.realsense;

/** A RealSense device as librealsense describes it (name e.g. "Intel RealSense D435", serial, USB type). */
public record DeviceInfo(String name, String serial, String usbType) {
}
