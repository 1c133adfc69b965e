package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code announce} has its own limit (about 1/s sustained, a small burst; beyond it {@code rate_limited}
 * with ref {@code announce}), and directory updates to receivers are coalesced per sender: a burst yields
 * a bounded number of {@code sender} messages, the last one always the current state.
 */
class AnnounceLimitTest {

    private ServerFixture fx;
    private Client sender;
    private Client receiver;

    @BeforeEach
    void start() throws Exception {
        fx = ServerFixture.start();
        receiver = fx.receiver();
        sender = fx.sender("cam");
        assertEquals("sender", receiver.ws().next().path("type").asText());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private void announce(String name) {
        sender.ws().send(msg("{'type':'announce','name':'" + name + "','streams':[{'name':'color'}]}"));
    }

    /** Every message the receiver gets within {@code millis}. */
    private List<ObjectNode> drain(long millis) throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(20);
            while (receiver.ws().pending() > 0) {
                out.add(receiver.ws().next());
            }
        }
        return out;
    }

    @Test
    void aBurstWithinTheLimitReachesReceiversAsAtMostTwoUpdatesTheLastOneCurrent() throws Exception {
        for (int i = 1; i <= Peer.ANNOUNCE_BURST; i++) {
            announce("cam-" + i);
        }
        List<ObjectNode> updates = drain(DirectoryFeed.COALESCE.toMillis() * 4);
        assertTrue(updates.size() >= 1 && updates.size() <= 2, updates.toString());
        assertEquals("cam-" + Peer.ANNOUNCE_BURST, updates.get(updates.size() - 1).path("name").asText());
        assertEquals(0, sender.ws().pending(), "no error within the burst");
    }

    @Test
    void announcesBeyondTheLimitAreDroppedWithOneRateLimitedError() throws Exception {
        int sent = 20;
        for (int i = 1; i <= sent; i++) {
            announce("cam-" + i);
        }
        ObjectNode error = sender.ws().nextError("rate_limited");
        assertEquals("announce", error.path("ref").asText());
        List<ObjectNode> updates = drain(DirectoryFeed.COALESCE.toMillis() * 4);
        assertTrue(updates.size() <= 2, updates.toString());
        String current = fx.server().metrics().scrape();
        // the state receivers end with is the one the server holds
        String last = updates.get(updates.size() - 1).path("name").asText();
        assertTrue(httpSenders().contains("\"name\":\"" + last + "\""), httpSenders());
        assertTrue(Integer.parseInt(last.substring(4)) <= Peer.ANNOUNCE_BURST + 1, last);
        assertTrue(current.contains("signaling_announces_dropped_total"), current);
        double dropped = Double.parseDouble(current.lines().filter(l -> l.startsWith("signaling_announces_dropped_total"))
                .findFirst().orElseThrow().split(" ")[1]);
        assertTrue(dropped >= sent - Peer.ANNOUNCE_BURST - 1, "dropped " + dropped);
        assertTrue(sender.ws().pending() <= 1, "at most one rate_limited error a second");
        // later, the sender's announces are accepted again
        Thread.sleep(1_100);
        while (sender.ws().pending() > 0) {
            sender.ws().next();
        }
        announce("cam-again");
        assertEquals("cam-again", drain(DirectoryFeed.COALESCE.toMillis() * 2).stream()
                .reduce((a, b) -> b).orElseThrow().path("name").asText());
    }

    @Test
    void aCoalescedUpdateNeverFollowsTheSendersLeaving() throws Exception {
        announce("a");
        announce("b");
        announce("c");
        sender.ws().close();
        List<ObjectNode> seen = drain(DirectoryFeed.COALESCE.toMillis() * 4);
        assertEquals("sender_left", seen.get(seen.size() - 1).path("type").asText(), seen.toString());
        fx.closeClients();
        receiver.ws().abort();
        fx.awaitNoState();
    }

    private String httpSenders() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fx.server().httpUri() + "api/senders")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
