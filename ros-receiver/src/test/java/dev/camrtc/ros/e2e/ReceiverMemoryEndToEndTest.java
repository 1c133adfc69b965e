package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.ros.RosReceiver;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.publish.ImageRepublisher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The receive path's memory discipline with real peers (test-pattern sender -> WebRTC -> ros-receiver ->
 * Cyclone C subscribers): after a few hundred frames per stream, each stream's pool made no more pixel buffers
 * than frames are converted at once (one), no more decoder frames were held than in flight (waiting + being
 * published + arriving), every frame was released exactly once (a second release is counted as an error), only
 * published frames were converted, and after close nothing is held and every buffer is freed.
 */
@Tag("media")
class ReceiverMemoryEndToEndTest {

    @Test
    void steadyStateHoldsOnlyTheFramesInFlightAndReleasesEachOnce() throws Exception {
        int n = 300;
        ImageRepublisher color;
        ImageRepublisher ir;
        try (RosFixture fixture = new RosFixture(55)) {
            fixture.sender(RosFixture.SENDER);
            RosReceiver receiver = fixture.receiver("--sender-name", RosFixture.SENDER, "--node-name", "memory_receiver");
            try (PeerProcess colorSub = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable",
                    "volatile", n, 60);
                 PeerProcess irSub = fixture.subscriber("image", "rt/realsense/stereo/image_raw", "best_effort",
                         "volatile", n, 60)) {
                assertEquals(n, ImageLine.all(colorSub.finish(Duration.ofSeconds(70))).size(), "color images");
                assertEquals(n, ImageLine.all(irSub.finish(Duration.ofSeconds(70))).size(), "infrared images");
            }
            color = receiver.publishing().stream("color");
            ir = receiver.publishing().stream("infrared");
            for (ImageRepublisher r : List.of(color, ir)) {
                String s = r.stream() + ": ";
                assertTrue(r.offeredCount() >= n, s + r.offeredCount() + " frames offered");
                assertEquals(1, r.pool().allocations(), s + "pixel buffers made for " + r.offeredCount() + " frames");
                assertTrue(r.pool().inFlight() <= 1, s + r.pool().inFlight() + " buffers leased");
                assertTrue(r.maxHeldCount() <= 3, s + "at most 3 decoder frames held at once, was " + r.maxHeldCount());
                assertEquals(0, r.releaseErrorCount(), s + "frames released twice");
                long notConverted = r.offeredCount() - r.skippedCount() - r.convertedCount();
                assertTrue(notConverted >= 0 && notConverted <= 2, s + "only published frames are converted: offered "
                        + r.offeredCount() + ", skipped " + r.skippedCount() + ", converted " + r.convertedCount());
            }
        }
        for (ImageRepublisher r : List.of(color, ir)) {
            assertEquals(0, r.heldCount(), r.stream() + ": decoder frames still held after close");
            assertEquals(0, r.pool().allocated(), r.stream() + ": pixel buffers not freed after close");
            assertEquals(0, r.releaseErrorCount(), r.stream() + ": frames released twice");
        }
    }
}
