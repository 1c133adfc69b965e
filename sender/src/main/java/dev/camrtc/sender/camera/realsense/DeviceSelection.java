package dev.camrtc.sender.camera.realsense;

import java.nio.file.Path;

/** Which RealSense to open: a connected camera (by serial, or the first one) or a recorded .bag file. */
public sealed interface DeviceSelection {

    /** A connected camera; {@code serial} null = the first one found. */
    record Camera(String serial) implements DeviceSelection {
        @Override
        public String toString() {
            return serial == null ? "the first connected RealSense" : "the RealSense with serial " + serial;
        }
    }

    /**
     * A recording played back in a loop, every frame delivered. {@code realTime} true paces frames at the
     * recorded rate (a live camera); false delivers them as fast as they are consumed (tests, benchmarks).
     */
    record Recording(Path file, boolean realTime) implements DeviceSelection {
        @Override
        public String toString() {
            return "the recording " + file;
        }
    }
}
