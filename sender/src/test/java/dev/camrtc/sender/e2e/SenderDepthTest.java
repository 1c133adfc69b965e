package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.StreamMid;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real test-pattern sender with {@code --enable-depth}, the real signaling server and a Java receiver
 * (media's AnsweringPeer with a DepthFrameListener) over real WebRTC, inside scripts/netns-run.sh:
 * depth_z16 is announced per PROTOCOL.md 8, every pixel of every received depth frame is the section-8
 * pattern of its counter, depth counters and capture times match the color frames' stamps of the same
 * tick, and a receiver asking only for video gets no data channel.
 */
@Tag("media")
class SenderDepthTest {

    private static final Logger LOG = LoggerFactory.getLogger(SenderDepthTest.class);
    private static final Duration T = Duration.ofSeconds(15);
    private static SenderFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SenderFixture.start("--enable-depth");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void depthIsAnnouncedAsALosslessDataChannelStream() throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            StreamDescription d = cam.streams().stream().filter(s -> s.name().equals("depth_z16")).findFirst()
                    .orElseThrow(() -> new AssertionError("no depth_z16 in " + cam.streams()));
            assertEquals("16UC1", d.encoding());
            assertEquals("datachannel", d.transport());
            assertEquals(0.001, d.depthUnits());
            assertEquals(640, d.width());
            assertEquals(480, d.height());
            assertTrue(d.intrinsics() != null, "intrinsics announced");
        }
    }

    @Test
    void everyDepthPixelIsThePatternOfItsCounterAndPairsWithColor() throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            TestReceiver.Watch w = r.watch(cam.senderId(), null);
            assertEquals(List.of("color", "infrared"), w.offer().streams().stream().map(StreamMid::name).toList(),
                    "the offer's streams map only video m-lines");
            assertTrue(w.offer().offer().sdp().contains("m=application"), "the offer has a data channel");
            w.depth().await(10, T);
            w.awaitFrames("color", 10, T);
            double best = 0;
            for (int window = 0; window < 3 && best < 25; window++) {
                w.depth().reset();
                Thread.sleep(3000);
                LOG.info("depth window {}: {}", window, w.depth());
                best = Math.max(best, w.depth().fps());
            }
            DepthReport d = w.depth();
            assertEquals(List.of(), d.mismatches(), "every pixel of every depth frame is the section-8 pattern");
            assertEquals(0, d.outOfOrder());
            assertEquals(DepthCodec.RVL.wireId(), d.codecId(), "RVL by default");
            // Shared machine: the rate bound is loose; correctness above is strict.
            assertTrue(best >= 15, "depth rate " + best + " fps (best 3 s window)");
            Map<Long, Long> depthMicros = d.captureMicros();
            Map<Long, Long> color = w.colorStamps();
            int paired = 0;
            for (var e : depthMicros.entrySet()) {
                Long ms = color.get(e.getKey() & 0xFF_FFFFL);
                if (ms != null) {
                    assertEquals(ms * 1000, e.getValue(), "depth frame " + e.getKey() + ": capture time of its tick");
                    paired++;
                }
            }
            assertTrue(paired >= 10, "depth frames paired with color frames of the same counter: " + paired);
            r.hangup(cam.senderId());
        }
        fixture.awaitSessions(0, T);
    }

    @Test
    void aVideoOnlyReceiverGetsNoDataChannel() throws Exception {
        try (TestReceiver r = fixture.receiver()) {
            SenderInfo cam = fixture.awaitSender(r);
            TestReceiver.Watch w = r.watch(cam.senderId(), List.of("color"));
            assertTrue(!w.offer().offer().sdp().contains("m=application"), "no data channel in a video-only offer");
            w.awaitFrames("color", 10, T);
            assertEquals(0, w.depth().frames());
            assertEquals(0, fixture.sender().hub().subscriberCount("depth_z16"), "depth is not even captured");
            assertTrue(!fixture.sender().hub().demand().contains("depth_z16"));
            r.hangup(cam.senderId());
        }
        fixture.awaitSessions(0, T);
    }
}
