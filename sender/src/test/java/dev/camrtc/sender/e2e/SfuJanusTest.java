package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.StreamMid;
import dev.camrtc.sender.sfu.JanusProcess;
import dev.camrtc.sender.webrtc.SessionTimings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --sfu janus:URL} end to end (inside scripts/netns-run.sh): a real Janus from Debian started by the test,
 * a real test-pattern sender publishing into it, and unchanged Java receivers (PROTOCOL.md as any receiver) that
 * get Janus's offers relayed as the sender's. Five receivers at full rate with readable stamps while the sender
 * encodes each stream once; receivers leaving; publishing stops when nobody watches; Janus dying (peer-to-peer
 * meanwhile) and coming back (publishing again on demand).
 */
@Tag("media")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SfuJanusTest {

    private static final Logger LOG = LoggerFactory.getLogger(SfuJanusTest.class);
    private static final Duration T = Duration.ofSeconds(15);
    private static final List<String> STREAMS = List.of("color", "infrared");
    private static JanusSenderFixture sfu;
    private static JanusProcess janus;
    private static SenderFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        sfu = JanusSenderFixture.start("e2e", T);
        janus = sfu.janus();
        fixture = sfu.sender();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sfu != null) {
            sfu.close();
        }
    }

    @Test
    @Order(1)
    void fiveReceiversThroughJanusGetBothStreamsAtFullRateWhileTheSenderEncodesOnce() throws Exception {
        List<TestReceiver> receivers = new ArrayList<>();
        List<TestReceiver.Watch> watches = new ArrayList<>();
        String id = null;
        for (int i = 0; i < 5; i++) {
            TestReceiver r = fixture.receiver(i == 4); // the last one trickles its candidates to Janus
            id = fixture.awaitSender(r).senderId();
            receivers.add(r);
            TestReceiver.Watch w = r.watch(id, null);
            assertEquals(STREAMS, w.offer().streams().stream().map(StreamMid::name).toList());
            assertTrue(w.offer().offer().sdp().contains("Janus") || w.offer().offer().sdp().contains("janus"),
                    "the offer is Janus's: " + w.offer().offer().sdp());
            watches.add(w);
        }
        assertEquals(5, fixture.sender().signaling().relayedReceivers().size());
        // control still reaches the sender (through signaling, whatever way the media goes)
        var controls = receivers.get(0).control(id, "list", null, null);
        assertTrue(controls.ok() && controls.value().isArray() && controls.value().size() > 0, controls.toString());
        assertEquals(List.of(), fixture.sender().signaling().sessionPeers(), "no peer-to-peer session");
        for (TestReceiver.Watch w : watches) {
            for (String s : STREAMS) {
                w.awaitFrames(s, 10, T);
            }
        }
        // Best of three 2 s windows (a shared machine may stall one); order and size must hold in all.
        double best = 0;
        for (int window = 0; window < 3 && best < 25; window++) {
            watches.forEach(w -> STREAMS.forEach(s -> w.report(s).reset()));
            Thread.sleep(2000);
            double worst = Double.MAX_VALUE;
            for (TestReceiver.Watch w : watches) {
                for (String s : STREAMS) {
                    StreamReport rep = w.report(s);
                    assertEquals(0, rep.outOfOrder(), rep.toString());
                    assertEquals(640, rep.width(), rep.toString());
                    assertEquals(480, rep.height(), rep.toString());
                    worst = Math.min(worst, rep.fps());
                }
            }
            LOG.info("5 receivers through Janus, window {}: slowest stream {} fps", window, worst);
            best = Math.max(best, worst);
        }
        assertTrue(best >= 25, "every stream of every receiver at >= 25 fps in some window, best " + best);

        // the sender encodes once: its WebRTC encoded-frames counters grow by about one stream's rate, not five;
        // pushes into WebRTC too. The counters change at each stats poll (every 5 s): measure from one change to the
        // change two polls later.
        double before = nextPoll(encoded());
        long pushedBefore = fixture.sender().streams().framesPushed();
        long t0 = System.nanoTime();
        double after = nextPoll(nextPoll(before));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double encodedPerSecond = (after - before) / seconds;
        double pushedPerSecond = (fixture.sender().streams().framesPushed() - pushedBefore) / seconds;
        LOG.info("5 receivers through Janus: sender encoded {} frames/s, pushed {} frames/s (both streams)",
                encodedPerSecond, pushedPerSecond);
        assertTrue(encodedPerSecond > 20, "the publisher encodes: " + encodedPerSecond + " frames/s");
        assertTrue(encodedPerSecond <= 2 * 33, "each frame encoded once, not once per receiver: " + encodedPerSecond);
        assertTrue(pushedPerSecond <= 2 * 33, "each frame pushed once: " + pushedPerSecond);

        // receivers leave (hangup, and going away without one): the others keep receiving
        receivers.get(0).hangup(id);
        receivers.get(1).close();
        fixture.awaitSessions(3, T);
        for (TestReceiver.Watch w : watches.subList(2, 5)) {
            for (String s : STREAMS) {
                w.awaitFrames(s, (int) w.report(s).frames() + 30, T);
            }
        }
        receivers.forEach(TestReceiver::close);
        fixture.awaitSessions(0, T);
        // nobody watches through Janus any more: the sender stops publishing (10 s later) and the camera capturing
        for (String s : STREAMS) {
            fixture.awaitUsers(s, 0, Duration.ofSeconds(25));
        }
        assertEquals(List.of(), fixture.sender().relay().orElseThrow().publishers());
        assertEquals(java.util.Set.of(), fixture.sender().hub().demand(), "no receiver: the camera captures nothing");
    }

    @Test
    @Order(2)
    void janusDyingIsServedPeerToPeerAndJanusComingBackIsUsedAgain() throws Exception {
        TestReceiver a = fixture.receiver();
        String id = fixture.awaitSender(a).senderId();
        TestReceiver.Watch through = a.watch(id, null);
        through.awaitFrames("color", 10, T);
        assertEquals(List.of(a.receiverId()), fixture.sender().signaling().relayedReceivers());

        janus.stop();
        // the relayed session ends with a hangup; Janus is reported unavailable
        through.hungUp().get(T.toMillis(), TimeUnit.MILLISECONDS);
        sfu.awaitRelay(false, T);
        // a new request is served peer-to-peer meanwhile
        TestReceiver.Watch direct = a.watch(id, null);
        for (String s : STREAMS) {
            direct.awaitFrames(s, 10, T);
        }
        assertEquals(1, fixture.sender().signaling().sessionPeers().size(), "served peer-to-peer");
        assertEquals(List.of(), fixture.sender().signaling().relayedReceivers());

        janus.start();
        sfu.awaitRelay(true, T);
        TestReceiver b = fixture.receiver();
        fixture.awaitSender(b);
        TestReceiver.Watch again = b.watch(id, null);
        for (String s : STREAMS) {
            again.awaitFrames(s, 10, T);
        }
        assertEquals(List.of(b.receiverId()), fixture.sender().signaling().relayedReceivers());
        // the peer-to-peer receiver was not disturbed
        direct.awaitFrames("color", (int) direct.report("color").frames() + 30, T);
        a.close();
        b.close();
        fixture.awaitSessions(0, T);
    }

    @Test
    @Order(3)
    void aReceiverThatClosesItsPeerWithoutHangupIsHungUpAfterTheDisconnectedGrace() throws Exception {
        TestReceiver r = fixture.receiver();
        String id = fixture.awaitSender(r).senderId();
        TestReceiver.Watch w = r.watch(id, List.of("color"));
        w.awaitFrames("color", 10, T);
        w.peer().close(); // Janus sees the DTLS close; the receiver stays on signaling and says nothing
        w.hungUp().get(SessionTimings.DEFAULT_DISCONNECTED_GRACE.plus(T).toMillis(), TimeUnit.MILLISECONDS);
        fixture.awaitSessions(0, T);
        r.close();
    }

    /** Frames the sender encoded for WebRTC so far, both streams ({@code camrtc_sender_frames_encoded_total}). */
    private static double encoded() {
        Scrape scrape = new Scrape(fixture.sender().metrics().scrape());
        double sum = 0;
        for (String s : STREAMS) {
            sum += scrape.value("camrtc_sender_frames_encoded_total", "stream", s, "transport", "webrtc").orElse(0);
        }
        return sum;
    }

    /** Waits for the encoded-frames counters to move on from {@code value} (the next stats poll); the new value. */
    private static double nextPoll(double value) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        double now;
        while ((now = encoded()) == value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the encoded-frames counters did not change within " + T);
            }
            Thread.sleep(20);
        }
        return now;
    }
}
