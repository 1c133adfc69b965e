package dev.camrtc.sender.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.sender.e2e.SenderFixture;
import dev.camrtc.sender.e2e.TestReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md 3.3 limits, with receivers written on a raw WebSocket against the real signaling server and
 * a real test-pattern sender: an unanswered offer is abandoned after {@code --answer-timeout} with
 * {@code hangup reason answer_timeout}; {@code --max-sessions} answers one more request with
 * {@code hangup reason busy} (a replacing request is not "one more"); unanswered sessions of a previous
 * signaling connection are closed when the sender registers again, answered ones keep streaming.
 */
@Tag("media")
class SessionLimitsTest {

    private static final Duration T = Duration.ofSeconds(20);

    @Test
    void anUnansweredOfferIsAbandonedAfterTheAnswerTimeout() throws Exception {
        try (SenderFixture fixture = SenderFixture.start("--answer-timeout", "2");
             RawReceiver r = RawReceiver.connect(fixture.serverUri())) {
            String sender = senderId(r);
            r.send(requestOffer(sender));
            JsonNode offer = r.await("offer", sender, T);
            long offeredAt = System.nanoTime();
            fixture.awaitSessions(1, T);
            JsonNode hangup = r.await("hangup", sender, T);
            double waited = (System.nanoTime() - offeredAt) / 1e9;
            assertEquals("answer_timeout", hangup.path("reason").asText(), hangup.toString());
            assertEquals(offer.path("session_id").asText(), hangup.path("session_id").asText());
            assertTrue(waited >= 1.5, "abandoned after the 2 s answer timeout, not " + waited + " s");
            fixture.awaitSessions(0, T);
            fixture.awaitUsers("color", 0, T);
        }
    }

    @Test
    void requestsBeyondMaxSessionsGetBusy() throws Exception {
        try (SenderFixture fixture = SenderFixture.start("--max-sessions", "2", "--answer-timeout", "120");
             RawReceiver a = RawReceiver.connect(fixture.serverUri());
             RawReceiver b = RawReceiver.connect(fixture.serverUri());
             RawReceiver c = RawReceiver.connect(fixture.serverUri())) {
            String sender = senderId(a);
            senderId(b);
            senderId(c);
            a.send(requestOffer(sender));
            a.await("offer", sender, T);
            b.send(requestOffer(sender));
            b.await("offer", sender, T);
            fixture.awaitSessions(2, T);

            c.send(requestOffer(sender));
            JsonNode busy = c.await("hangup", sender, T);
            assertEquals("busy", busy.path("reason").asText(), busy.toString());
            assertFalse(busy.has("session_id"), "no session was opened: " + busy);
            assertEquals(2, fixture.sender().signaling().sessionCount());
            assertTrue(c.inbox().stream().noneMatch(m -> "offer".equals(m.path("type").asText())), "no offer to c");

            a.send(requestOffer(sender)); // replaces a's session: not one more
            a.await("offer", sender, T);
            assertEquals(2, fixture.sender().signaling().sessionCount());

            a.send("{\"type\":\"hangup\",\"sender_id\":\"" + sender + "\"}");
            fixture.awaitSessions(1, T);
            c.send(requestOffer(sender));
            c.await("offer", sender, T);
            fixture.awaitSessions(2, T);
        }
    }

    @Test
    void unansweredSessionsOfThePreviousSignalingConnectionAreClosedOnReconnect() throws Exception {
        try (SenderFixture fixture = SenderFixture.start("--answer-timeout", "120")) {
            TestReceiver watcher = fixture.receiver();
            String oldId = fixture.awaitSender(watcher).senderId();
            TestReceiver.Watch watch = watcher.watch(oldId, null);
            watch.awaitFrames("color", 10, T);
            try (RawReceiver silent = RawReceiver.connect(fixture.serverUri())) {
                silent.send(requestOffer(oldId));
                silent.await("offer", oldId, T);
                fixture.awaitSessions(2, T);
                fixture.stopServer(); // a stopping server reports no receiver as left
            }
            Thread.sleep(1000);
            assertEquals(2, fixture.sender().signaling().sessionCount(), "both sessions outlive the outage itself");
            fixture.restartServer();
            long deadline = System.nanoTime() + T.toNanos();
            while (!fixture.sender().signaling().isConnected() || oldId.equals(fixture.sender().signaling().senderId())) {
                assertTrue(System.nanoTime() < deadline, "sender registered again within " + T);
                Thread.sleep(20);
            }
            fixture.awaitSessions(1, T);
            long frames = watch.report("color").frames();
            watch.awaitFrames("color", (int) frames + 10, T); // the answered session keeps streaming
            watcher.close();
        }
    }

    private static String senderId(RawReceiver r) throws InterruptedException {
        return r.await(m -> "sender".equals(m.path("type").asText())
                && SenderFixture.NAME.equals(m.path("name").asText()), T).path("sender_id").asText();
    }

    private static String requestOffer(String sender) {
        return "{\"type\":\"request_offer\",\"sender_id\":\"" + sender + "\"}";
    }
}
