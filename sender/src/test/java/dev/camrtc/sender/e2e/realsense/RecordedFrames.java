package dev.camrtc.sender.e2e.realsense;

import dev.camrtc.sender.camera.realsense.RealSenseStream;
import dev.camrtc.sender.camera.realsense.RealSenseTestRecording;
import java.util.Locale;

/**
 * Tells which frame of a {@link RealSenseTestRecording} a lossy copy (VP8, JPEG) shows. The exact
 * pixels (and the frame index in the first 4 bytes) do not survive compression; neighbouring recorded
 * frames differ in every byte by 13 levels (mod 256), so the received picture is compared with every
 * recorded frame (index -1, the warm-up frame, included) by mean squared difference over all bytes, and
 * the closest one wins when it is clearly closer than the runner-up. (Block means do not work here: the
 * recorded texture has the same mean at every index.)
 */
final class RecordedFrames {

    /** The recorded frame closest to a picture, the distance to it and to the runner-up (mean squared level). */
    record Match(int index, double distance, double runnerUp) {
        /** Closest by a clear margin (measured: VP8 ~200 vs ~3000, JPEG ~155 vs ~3000 for color). */
        boolean clear() {
            return distance < 0.3 * runnerUp;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frame %d (distance %.0f, runner-up %.0f)", index, distance, runnerUp);
        }
    }

    private final RealSenseStream stream;
    private final int frames;
    private final byte[][] expected;

    /** Frames -1..frames-1 of {@code stream} as recorded. */
    RecordedFrames(RealSenseStream stream, int frames) {
        this.stream = stream;
        this.frames = frames;
        this.expected = new byte[frames + 1][];
        for (int i = -1; i < frames; i++) {
            expected[i + 1] = RealSenseTestRecording.expectedPixels(stream, i);
        }
    }

    int bytesPerPixel() {
        return stream.pixelFormat().bytesPerPixel();
    }

    /** Matches a tightly packed picture in the recording's layout (BGR8 for color, MONO8 for infrared). */
    Match match(byte[] pixels) {
        int best = -2;
        double bestDistance = Double.MAX_VALUE;
        double second = Double.MAX_VALUE;
        for (int i = -1; i < frames; i++) {
            double d = distance(pixels, expected[i + 1]);
            if (d < bestDistance) {
                second = bestDistance;
                bestDistance = d;
                best = i;
            } else if (d < second) {
                second = d;
            }
        }
        return new Match(best, bestDistance, second);
    }

    private static double distance(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new AssertionError("picture of " + a.length + " bytes, recorded frames have " + b.length);
        }
        long sum = 0;
        for (int i = 4; i < a.length; i++) { // the first 4 bytes hold the index: not part of the picture
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            sum += d * d;
        }
        return sum / (double) (a.length - 4);
    }
}
