package dev.camrtc.server.cluster;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances in one JVM sharing a real {@code redis-server} (PROTOCOL.md 4): a peer on either sees and
 * reaches the whole cluster, with the same session scope as on one instance.
 */
class ClusterTest {

    /** PROTOCOL.md 4: peers of a stopped or dead instance are reported within 10 s. */
    static final Duration LEAVE_BOUND = Duration.ofSeconds(10);

    private RedisProcess redis;
    private final List<ServerFixture> instances = new ArrayList<>();
    private ServerFixture a;
    private ServerFixture b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.startOnFreePort();
        a = instance();
        b = instance();
    }

    @AfterEach
    void stop() throws Exception {
        for (ServerFixture fx : instances) {
            fx.close();
        }
        redis.close();
    }

    private ServerFixture instance() {
        ServerFixture fx = ServerFixture.start(builder -> builder.redis(redis.uri()));
        instances.add(fx);
        return fx;
    }

    /** The next {@code sender} message about {@code senderId} (others are skipped). */
    static ObjectNode senderEntry(WsClient ws, String senderId) throws InterruptedException {
        while (true) {
            ObjectNode m = ws.nextOfType("sender", Duration.ofSeconds(10));
            if (senderId.equals(m.path("sender_id").asText())) {
                return m;
            }
        }
    }

    static String get(ServerFixture fx, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fx.server().httpUri() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    static void awaitMetric(ServerFixture fx, String line) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!get(fx, "/metrics").contains(line)) {
            assertTrue(System.currentTimeMillis() < deadline, "no '" + line + "' in /metrics");
            Thread.sleep(100);
        }
    }

    @Test
    void aReceiverOnOneInstanceSeesTheSendersOfTheOther() throws Exception {
        Client early = b.receiver();
        Client sender = a.sender("cam-a");
        Client local = b.sender("cam-b");
        assertNotEquals(sender.id(), local.id());
        assertEquals("cam-a", senderEntry(early.ws(), sender.id()).path("name").asText());
        Client late = b.receiver();
        senderEntry(late.ws(), sender.id());
        assertTrue(get(b, "/api/senders").contains(sender.id()), "B's /api/senders lists A's sender");
        assertTrue(get(a, "/api/senders").contains(local.id()), "A's /api/senders lists B's sender");
        sender.ws().send(msg("{'type':'announce','streams':[{'name':'color','kind':'video'}]}"));
        ObjectNode updated = senderEntry(early.ws(), sender.id());
        assertEquals("color", updated.path("streams").path(0).path("name").asText(), updated.toString());
        sender.ws().close();
        assertEquals(sender.id(), early.ws().nextOfType("sender_left", LEAVE_BOUND).path("sender_id").asText());
    }

    @Test
    void anInstanceThatCannotReachRedisDoesNotStartAndSaysWhy() throws Exception {
        int port = redis.port();
        redis.stop();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> dev.camrtc.server.SignalingServer.start(dev.camrtc.server.ServerConfig.builder().host("127.0.0.1")
                        .port(0).redis("redis://127.0.0.1:" + port).build()));
        assertTrue(e.getMessage().contains("cannot join the cluster at redis://127.0.0.1:" + port), e.getMessage());
        redis.start();
    }

    @Test
    void idsAreUniqueAcrossInstances() throws Exception {
        List<String> ids = new ArrayList<>();
        for (ServerFixture fx : List.of(a, b, a, b)) {
            ids.add(fx.sender(null).id());
            ids.add(fx.receiver().id());
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
        assertNotEquals(Cluster.tagOf(ids.get(0)), Cluster.tagOf(ids.get(2)), ids.toString());
    }

    @Test
    void aWholeSessionAndControlPassBetweenInstances() throws Exception {
        Client sender = a.sender("cam");
        Client receiver = b.receiver();
        senderEntry(receiver.ws(), sender.id());
        String s = sender.id();
        String r = receiver.id();

        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + s + "','x_extra':7}"));
        ObjectNode request = sender.ws().nextOfType("request_offer", Duration.ofSeconds(10));
        assertEquals(r, request.path("receiver_id").asText());
        assertEquals(7, request.path("x_extra").asInt(), "unknown fields pass through");

        sender.ws().send(msg("{'type':'offer','receiver_id':'" + r + "','offer':{'type':'offer','sdp':'v=0'},'session_id':'k'}"));
        ObjectNode offer = receiver.ws().nextOfType("offer", Duration.ofSeconds(10));
        assertEquals(s, offer.path("sender_id").asText());
        assertTrue(offer.path("receiver_id").isMissingNode(), offer.toString());

        receiver.ws().send(msg("{'type':'answer','sender_id':'" + s + "','answer':{'type':'answer','sdp':'v=0'},'session_id':'k'}"));
        assertEquals(r, sender.ws().nextOfType("answer", Duration.ofSeconds(10)).path("receiver_id").asText());
        sender.ws().send(msg("{'type':'candidate','receiver_id':'" + r + "','candidate':null}"));
        assertEquals(s, receiver.ws().nextOfType("candidate", Duration.ofSeconds(10)).path("sender_id").asText());
        receiver.ws().send(msg("{'type':'candidate','sender_id':'" + s + "','candidate':{'candidate':'c','sdp_mid':'0','sdp_m_line_index':0}}"));
        assertEquals(r, sender.ws().nextOfType("candidate", Duration.ofSeconds(10)).path("receiver_id").asText());

        receiver.ws().send(msg("{'type':'control','sender_id':'" + s + "','request_id':'1','op':'list'}"));
        assertEquals(r, sender.ws().nextOfType("control", Duration.ofSeconds(10)).path("receiver_id").asText());
        sender.ws().send(msg("{'type':'control_result','receiver_id':'" + r + "','request_id':'1','ok':true}"));
        assertEquals(s, receiver.ws().nextOfType("control_result", Duration.ofSeconds(10)).path("sender_id").asText());

        receiver.ws().send(msg("{'type':'hangup','sender_id':'" + s + "'}"));
        assertEquals(r, sender.ws().nextOfType("hangup", Duration.ofSeconds(10)).path("receiver_id").asText());

        receiver.ws().close();
        assertEquals(r, sender.ws().nextOfType("receiver_left", LEAVE_BOUND).path("receiver_id").asText());
        String metrics = get(b, "/metrics");
        java.util.regex.Matcher count = java.util.regex.Pattern
                .compile("signaling_cluster_relay_latency_seconds_count (\\S+)").matcher(metrics);
        assertTrue(count.find() && Double.parseDouble(count.group(1)) >= 3, "B timed the relays from A: " + metrics);
        assertTrue(metrics.contains("signaling_cluster_messages_total{direction=\"in\"}"), metrics);
    }

    @Test
    void sessionScopeHoldsAcrossInstances() throws Exception {
        Client sender = a.sender("cam");
        Client receiver = b.receiver();
        senderEntry(receiver.ws(), sender.id());
        String s = sender.id();
        String r = receiver.id();

        sender.ws().send(msg("{'type':'offer','receiver_id':'" + r + "','offer':{'type':'offer','sdp':'v=0'}}"));
        assertEquals("offer", sender.ws().nextError("no_session").path("ref").asText());
        sender.ws().send(msg("{'type':'control_result','receiver_id':'" + r + "','request_id':'1','ok':true}"));
        assertEquals("control_result", sender.ws().nextError("no_session").path("ref").asText());
        receiver.ws().send(msg("{'type':'answer','sender_id':'" + s + "','answer':{'type':'answer','sdp':'v=0'}}"));
        assertEquals("answer", receiver.ws().nextError("no_session").path("ref").asText());
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'s-ffffx1abcd'}"));
        assertEquals("request_offer", receiver.ws().nextError("unknown_sender").path("ref").asText());
        receiver.ws().expectNothing(300);

        // a session with one receiver does not open the way to another receiver of the same instance
        Client other = b.receiver();
        senderEntry(other.ws(), s);
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + s + "'}"));
        sender.ws().nextOfType("request_offer", Duration.ofSeconds(10));
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + other.id() + "','offer':{'type':'offer','sdp':'v=0'}}"));
        assertEquals("offer", sender.ws().nextError("no_session").path("ref").asText());
        other.ws().expectNothing(300);
    }

    @Test
    void aStoppedInstancesPeersAreReportedLeft() throws Exception {
        Client sender = a.sender("cam-a");
        Client remoteReceiver = a.receiver();
        Client receiver = b.receiver();
        Client localSender = b.sender("cam-b");
        senderEntry(receiver.ws(), sender.id());
        senderEntry(remoteReceiver.ws(), localSender.id());
        remoteReceiver.ws().send(msg("{'type':'request_offer','sender_id':'" + localSender.id() + "'}"));
        localSender.ws().nextOfType("request_offer", Duration.ofSeconds(10));

        a.close();
        assertEquals(sender.id(), receiver.ws().nextOfType("sender_left", LEAVE_BOUND).path("sender_id").asText());
        assertEquals(remoteReceiver.id(), localSender.ws().nextOfType("receiver_left", LEAVE_BOUND).path("receiver_id").asText());
        assertEquals("[]", get(b, "/api/senders").replace(localSender.id(), "").replaceAll("\\{[^}]*\\}", "").replace(",", ""),
                "only B's own sender is left in the directory");
    }

    @Test
    void afterARedisRestartTheInstancesPublishTheirDirectoryAgain() throws Exception {
        Client sender = a.sender("cam-a");
        Client receiver = b.receiver();
        senderEntry(receiver.ws(), sender.id());

        redis.stop();
        awaitMetric(a, "signaling_cluster_redis_up 0.0");
        Client localReceiver = a.receiver(); // Redis down: A still serves its own peers
        senderEntry(localReceiver.ws(), sender.id());
        localReceiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        assertEquals(localReceiver.id(), sender.ws().nextOfType("request_offer", Duration.ofSeconds(10)).path("receiver_id").asText());

        redis.start(); // empty: every key is gone
        awaitMetric(a, "signaling_cluster_redis_up 1.0");
        ServerFixture c = instance(); // a newcomer only learns of A's sender if A wrote its directory again
        Client newcomer = c.receiver();
        senderEntry(newcomer.ws(), sender.id());
        newcomer.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        assertEquals(newcomer.id(), sender.ws().nextOfType("request_offer", Duration.ofSeconds(10)).path("receiver_id").asText());
        assertNotEquals(Cluster.tagOf(newcomer.id()), Cluster.tagOf(sender.id()));
        assertNotEquals(Cluster.tagOf(newcomer.id()), Cluster.tagOf(receiver.id()));
    }
}
