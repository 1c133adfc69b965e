package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The signaling server restarts while a receiver watches (inside scripts/netns-run.sh): media keeps
 * flowing peer to peer, the sender registers and announces again on its own, a new receiver connects
 * through the new server, and the orphaned session still ends when its receiver goes away.
 */
@Tag("media")
class SenderReconnectTest {

    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void mediaSurvivesASignalingServerRestart() throws Exception {
        try (SenderFixture fixture = SenderFixture.start()) {
            TestReceiver before = fixture.receiver();
            String oldId = fixture.awaitSender(before).senderId();
            TestReceiver.Watch watch = before.watch(oldId, null);
            watch.awaitFrames("color", 10, T);

            fixture.stopServer();
            long framesAtStop = watch.report("color").frames();
            Thread.sleep(1500);
            assertTrue(watch.report("color").frames() >= framesAtStop + 20,
                    "media flows without the server: " + framesAtStop + " -> " + watch.report("color").frames());
            assertTrue(!fixture.sender().signaling().isConnected());

            fixture.restartServer();
            long deadline = System.nanoTime() + T.toNanos();
            while (!fixture.sender().signaling().isConnected() || oldId.equals(fixture.sender().signaling().senderId())) {
                assertTrue(System.nanoTime() < deadline, "sender registered again within " + T);
                Thread.sleep(20);
            }
            String newId = fixture.sender().signaling().senderId();
            assertNotEquals(oldId, newId);

            TestReceiver after = fixture.receiver();
            assertEquals(newId, fixture.awaitSender(after).senderId(), "announced again on the new server");
            TestReceiver.Watch second = after.watch(newId, null);
            second.awaitFrames("color", 10, T);
            second.awaitFrames("infrared", 10, T);
            assertEquals(0, watch.report("color").outOfOrder());
            assertTrue(watch.report("color").frames() > framesAtStop + 20, "the first session still streams");
            assertEquals(2, fixture.sender().signaling().sessionCount());

            after.hangup(newId);
            fixture.awaitSessions(1, T);
            before.close(); // closes the orphan's peer: ICE on the sender side notices, no signaling path left
        }
    }
}
