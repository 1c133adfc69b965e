package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks on one raw image topic as a Cyclone subscriber ({@code ros_sub image ... --band}) saw it: 640x480
 * images of the given encoding, step and frame id, increasing header stamps equal to the frame stamps decoded from
 * the pixels (in at least 9 of 10 images), and at least 25 Hz after the first second (WebRTC ramp-up).
 */
public final class ImageStreamCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStreamCheck.class);

    private ImageStreamCheck() {
    }

    public static void check(List<ImageLine> lines, int n, String encoding, int step, String frameId) {
        assertEquals(n, lines.size(), encoding + " images received");
        long previous = Long.MIN_VALUE;
        int stamped = 0;
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            ImageLine l = lines.get(i);
            assertEquals(640, l.width());
            assertEquals(480, l.height());
            assertEquals(encoding, l.encoding());
            assertEquals(step, l.step());
            assertEquals(step * 480, l.length());
            assertEquals(frameId, l.frameId());
            assertTrue(l.stampNanos() > previous, "header stamps increase: " + previous + " then " + l.stampNanos());
            previous = l.stampNanos();
            if (l.frameStamp().isPresent()) {
                assertEquals(l.frameStamp().get().captureTimeMillis(), l.stampMillis(),
                        "header.stamp is the frame's capture time");
                latency[stamped++] = l.latencyMillis();
            }
        }
        assertTrue(stamped >= n * 9 / 10, "frame stamps decoded in " + stamped + " of " + n + " " + encoding + " images");
        // rate after the first second (WebRTC ramp-up)
        List<ImageLine> steady = lines.subList(15, n);
        double seconds = (steady.get(steady.size() - 1).recvNanos() - steady.get(0).recvNanos()) / 1e9;
        double rate = (steady.size() - 1) / seconds;
        java.util.Arrays.sort(latency, 0, stamped);
        LOG.info("{}: {} Hz, glass-to-DDS latency p50 {} ms, max {} ms", encoding, String.format("%.1f", rate),
                latency[stamped / 2], latency[stamped - 1]);
        assertTrue(rate >= 25, encoding + " published at " + rate + " Hz");
    }
}
