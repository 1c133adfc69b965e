package dev.camrtc.sender.camera.realsense;

import java.nio.file.Path;

/**
 * Writes the test recording (color + infrared + depth, 640x480@30, made with librealsense's software
 * device) to a file, for benchmarks run from the shell (scripts/bench-footprint.sh).
 * Usage: {@code MakeTestRecording FILE.bag [framesets, default 60]}.
 */
public final class MakeTestRecording {
    private MakeTestRecording() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: MakeTestRecording FILE.bag [framesets]");
            System.exit(2);
        }
        RealSenseTestRecording.write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 60);
        System.exit(0);
    }
}
