package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who goes through Janus (inside scripts/netns-run.sh, a real Janus): with {@code --sfu-after 1} the first receiver
 * stays peer-to-peer and the next goes through Janus; a receiver asking for depth on a data channel (PROTOCOL.md 8)
 * is served peer-to-peer, data channel included.
 */
@Tag("media")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SfuRoutingTest {

    private static final Duration T = Duration.ofSeconds(15);
    private static final List<String> VIDEO = List.of("color", "infrared");
    private static JanusSenderFixture sfu;
    private static SenderFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        sfu = JanusSenderFixture.start("routing", T, "--sfu-after", "1", "--enable-depth");
        fixture = sfu.sender();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sfu != null) {
            sfu.close();
        }
    }

    @Test
    void theFirstReceiverStaysPeerToPeerTheNextGoesThroughJanusAndDepthStaysPeerToPeer() throws Exception {
        TestReceiver first = fixture.receiver();
        String id = fixture.awaitSender(first).senderId();
        TestReceiver.Watch direct = first.watch(id, VIDEO);
        direct.awaitFrames("color", 10, T);
        assertEquals(List.of(), fixture.sender().signaling().relayedReceivers(), "the first receiver is peer-to-peer");

        TestReceiver second = fixture.receiver();
        fixture.awaitSender(second);
        TestReceiver.Watch relayed = second.watch(id, VIDEO);
        for (String s : VIDEO) {
            relayed.awaitFrames(s, 10, T);
        }
        assertEquals(List.of(second.receiverId()), fixture.sender().signaling().relayedReceivers());

        TestReceiver depth = fixture.receiver();
        fixture.awaitSender(depth);
        TestReceiver.Watch withDepth = depth.watch(id, null); // all streams: depth_z16 on a data channel included
        assertTrue(withDepth.offer().offer().sdp().contains("m=application"), "the offer carries the data channel");
        withDepth.awaitFrames("color", 10, T);
        withDepth.depth().await(5, T);
        assertEquals(List.of(), withDepth.depth().mismatches(), "depth frames are exact");
        assertFalse(fixture.sender().signaling().relayedReceivers().contains(depth.receiverId()),
                "a receiver asking for depth is served peer-to-peer");
        assertEquals(2, fixture.sender().signaling().sessionPeers().size());
        first.close();
        second.close();
        depth.close();
        fixture.awaitSessions(0, T);
    }
}
