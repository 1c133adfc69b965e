package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.ros.RosReceiver;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.session.SessionState.Phase;
import dev.camrtc.sender.RunningSender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The receiver's options end to end: the only sender online chosen without a flag, realsense-ros naming
 * under a namespace, a best-effort publisher (matches best-effort Cyclone and Fast DDS subscribers, never a
 * reliable one), and a second sender making the choice ambiguous for a new receiver.
 */
@Tag("media")
class RosReceiverOptionsEndToEndTest {
    private static RosFixture fixture;
    private static RunningSender sender;
    private static RosReceiver receiver;

    @BeforeAll
    static void start() {
        fixture = new RosFixture(52, null); // Cyclone's default interface, so that Fast DDS interoperates
        sender = fixture.sender("opt-cam");
        receiver = fixture.receiver("--topics", "realsense-ros", "--namespace", "/cam2", "--reliability",
                "best_effort", "--depth", "1", "--node-name", "cam2_receiver");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void bestEffortRealsenseRosTopicsReachCycloneAndFastDdsButNoReliableSubscriber() throws Exception {
        try (PeerProcess color = fixture.subscriber("image", "rt/cam2/camera/camera/color/image_raw", "best_effort",
                "volatile", 30, 25, "--band");
             PeerProcess ir = fixture.subscriber("image", "rt/cam2/camera/camera/infra1/image_rect_raw", "best_effort",
                     "volatile", 30, 25, "--band");
             PeerProcess reliable = fixture.subscriber("image", "rt/cam2/camera/camera/color/image_raw", "reliable",
                     "volatile", 1, 6);
             PeerProcess fast = fixture.fastDdsSubscriber("rt/cam2/camera/camera/color/image_raw", "best_effort", 45, 25);
             PeerProcess fastIr = fixture.fastDdsSubscriber("rt/cam2/camera/camera/infra1/image_rect_raw", "best_effort",
                     45, 25)) {
            List<ImageLine> c = ImageLine.all(color.finish(Duration.ofSeconds(30)));
            List<ImageLine> i = ImageLine.all(ir.finish(Duration.ofSeconds(30)));
            assertEquals(30, c.size());
            assertEquals(30, i.size());
            assertTrue(c.stream().allMatch(l -> l.frameId().equals("camera_color_optical_frame") && l.step() == 1920));
            assertTrue(i.stream().allMatch(l -> l.frameId().equals("camera_infra1_optical_frame")
                    && l.encoding().equals("mono8")));
            assertTrue(c.stream().filter(l -> l.frameStamp().isPresent()).count() >= 27, "frame stamps decode");

            List<ImageLine> f = ImageLine.all(fast.finish(Duration.ofSeconds(30)));
            assertEquals(45, f.size(), "Fast DDS best-effort subscriber, color");
            assertTrue(f.stream().allMatch(l -> l.width() == 640 && l.height() == 480 && l.encoding().equals("bgr8")
                    && l.step() == 1920 && l.frameId().equals("camera_color_optical_frame")));
            List<ImageLine> fi = ImageLine.all(fastIr.finish(Duration.ofSeconds(30)));
            assertEquals(45, fi.size(), "Fast DDS best-effort subscriber, infrared");
            assertTrue(fi.stream().allMatch(l -> l.width() == 640 && l.height() == 480 && l.encoding().equals("mono8")
                    && l.step() == 640 && l.frameId().equals("camera_infra1_optical_frame")));
            for (List<ImageLine> lines : List.of(f, fi)) {
                List<ImageLine> steady = lines.subList(10, lines.size());
                double rate = (steady.size() - 1) / ((steady.get(steady.size() - 1).recvNanos() - steady.get(0).recvNanos()) / 1e9);
                assertTrue(rate >= 25, "Fast DDS received " + lines.get(0).encoding() + " at " + rate + " Hz");
            }

            List<String> r = reliable.finish(Duration.ofSeconds(10));
            assertFalse(r.stream().anyMatch(l -> l.startsWith("MATCHED") || l.startsWith("IMAGE")),
                    "a best-effort publisher never matches a reliable subscriber: " + r);
        }
    }

    @Test
    void severalSendersAndNoChoiceListsThemAndStops() throws Exception {
        RunningSender second = fixture.sender("opt-cam-2");
        try {
            Thread.sleep(500); // the second sender announces
            RosReceiver ambiguous = fixture.receiver("--node-name", "ambiguous_receiver");
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fixture.fatalMessages().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(1, fixture.fatalMessages().size(), "one fatal message");
            String message = fixture.fatalMessages().get(0);
            assertTrue(message.startsWith("several senders are online; choose one with --sender-id or --sender-name:"),
                    message);
            assertTrue(message.contains("  " + sender.signaling().senderId() + "  opt-cam  color 640x480@30"), message);
            assertTrue(message.contains("  " + second.signaling().senderId() + "  opt-cam-2  "), message);
            assertEquals(Phase.CLOSED, ambiguous.session().phase());
            assertEquals(Phase.STREAMING, receiver.session().phase(), "the running receiver keeps its sender");
        } finally {
            second.close();
        }
    }
}
