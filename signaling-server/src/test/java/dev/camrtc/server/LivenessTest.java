package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.RawWebSocket;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ping/idle rule and the rate limit of PROTOCOL.md 1. Intervals are shortened here (ping 200 ms,
 * idle 1 s) so the rule is tested in seconds; the 10 s / 30 s defaults are checked separately.
 */
class LivenessTest {

    private ServerFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private void startShort() {
        fx = ServerFixture.start(b -> b.pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofSeconds(1)));
    }

    @Test
    void defaultsArePingEvery10sAndDropAfter30s() {
        assertEquals(Duration.ofSeconds(10), ServerConfig.defaults().pingInterval());
        assertEquals(Duration.ofSeconds(30), ServerConfig.defaults().idleTimeout());
        assertEquals(100, ServerConfig.defaults().rateLimit());
        assertEquals(200, ServerConfig.defaults().rateBurst());
    }

    @Test
    void aPeerThatNeverAnswersIsPingedThenDropped() throws Exception {
        startShort();
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), "/ws/receiver")) {
            assertEquals(RawWebSocket.TEXT, raw.read(5_000).opcode());
            RawWebSocket.Frame ping = raw.read(2_000);
            assertNotNull(ping, "no ping");
            assertEquals(RawWebSocket.PING, ping.opcode());
            long start = System.nanoTime();
            int code = raw.awaitClose(5_000);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1001, code);
            assertTrue(waitedMs >= 500, "dropped too early: " + waitedMs + " ms");
            fx.awaitNoState();
        }
    }

    @Test
    void pongsAloneKeepAPeerAlive() throws Exception {
        startShort();
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), "/ws/receiver")) {
            assertEquals(RawWebSocket.TEXT, raw.read(5_000).opcode());
            long end = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
            int pings = 0;
            while (System.nanoTime() < end) {
                RawWebSocket.Frame frame = raw.read(300);
                if (frame != null) {
                    assertEquals(RawWebSocket.PING, frame.opcode(), "unexpected frame " + frame.opcode());
                    raw.send(RawWebSocket.PONG, frame.payload(), true);
                    pings++;
                }
            }
            assertTrue(pings >= 5, "only " + pings + " pings in 2.5 s");
            assertEquals(1, fx.server().openConnections());
        }
    }

    @Test
    void aBrowserLikeClientStaysConnectedWhileSilent() throws Exception {
        startShort();
        Client receiver = fx.receiver();
        Thread.sleep(2_500);
        assertFalse(receiver.ws().isClosed());
        receiver.ws().send(msg("{'type':'hangup','sender_id':'s-0'}"));
        receiver.ws().nextError("no_session");
    }

    @Test
    void burstOf200IsAcceptedThenExcessIsDroppedWithOneErrorPerSecond() throws Exception {
        fx = ServerFixture.start();
        Client sender = fx.sender("s");
        Client receiver = fx.receiver();
        receiver.ws().next();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}")); // opens the session
        assertEquals("request_offer", sender.ws().next().path("type").asText());
        String hangup = msg("{'type':'hangup','sender_id':'" + sender.id() + "'}");
        for (int i = 0; i < 199; i++) {
            receiver.ws().send(hangup);
        }
        for (int i = 0; i < 199; i++) {
            assertEquals("hangup", sender.ws().next().path("type").asText());
        }
        receiver.ws().expectNothing(0);
        long start = System.nanoTime();
        int sent = 400;
        for (int i = 0; i < sent; i++) {
            receiver.ws().send(hangup);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(300);
        int relayed = sender.ws().pending();
        int errors = receiver.ws().pending();
        assertTrue(relayed < sent, "nothing was dropped");
        assertTrue(errors >= 1 && errors <= Math.ceil(seconds) + 1, errors + " rate_limited errors in " + seconds + " s");
        ObjectNode error = receiver.ws().nextError("rate_limited");
        assertEquals("hangup", error.path("ref").asText());
        // after a pause the connection works again
        Thread.sleep(1_100);
        for (int i = 1; i < errors; i++) {
            receiver.ws().nextError("rate_limited");
        }
        for (int i = 0; i < relayed; i++) {
            sender.ws().next();
        }
        receiver.ws().send(hangup);
        assertEquals("hangup", sender.ws().next().path("type").asText());
    }

    @Test
    void a100PerSecondSustainedRateIsAccepted() throws Exception {
        fx = ServerFixture.start();
        Client sender = fx.sender("s");
        Client receiver = fx.receiver();
        receiver.ws().next();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}")); // opens the session
        assertEquals("request_offer", sender.ws().next().path("type").asText());
        String hangup = msg("{'type':'hangup','sender_id':'" + sender.id() + "'}");
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            long due = start + i * 10_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            receiver.ws().send(hangup);
        }
        for (int i = 0; i < 300; i++) {
            assertEquals("hangup", sender.ws().next().path("type").asText());
        }
        receiver.ws().expectNothing(100);
    }
}
