package dev.camrtc.server.cluster;

import static dev.camrtc.server.cluster.ClusterTest.get;
import static dev.camrtc.server.cluster.ClusterTest.senderEntry;
import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The relay path between two instances on a real {@code redis-server}: relays do not wait for the cluster thread,
 * and whatever else is published on an instance's channel (malformed, forged, oversized) is dropped with a log
 * line and leaves the relay working.
 */
class ClusterRelayTest {

    private RedisProcess redis;
    private ServerFixture a;
    private ServerFixture b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.startOnFreePort();
        a = ServerFixture.start(builder -> builder.redis(redis.uri()));
        b = ServerFixture.start(builder -> builder.redis(redis.uri()));
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        redis.close();
    }

    /** A sender on A and a receiver on B in a session (the receiver sent request_offer). */
    private Client[] session() throws Exception {
        Client sender = a.sender("cam");
        Client receiver = b.receiver();
        senderEntry(receiver.ws(), sender.id());
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        sender.ws().nextOfType("request_offer", Duration.ofSeconds(10));
        return new Client[] {sender, receiver};
    }

    @Test
    void relaysAreDeliveredWhileTheClusterThreadIsBusy() throws Exception {
        Client[] s = session();
        Client sender = s[0];
        Client receiver = s[1];
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ((RedisCluster) b.server().cluster()).runOnClusterThread(() -> {
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            sender.ws().send(msg("{'type':'offer','receiver_id':'" + receiver.id() + "','offer':{'type':'offer','sdp':'v=0'}}"));
            ObjectNode offer = receiver.ws().nextOfType("offer", Duration.ofSeconds(10));
            assertEquals(sender.id(), offer.path("sender_id").asText());
            receiver.ws().send(msg("{'type':'answer','sender_id':'" + sender.id() + "','answer':{'type':'answer','sdp':'v=0'}}"));
            assertEquals(receiver.id(), sender.ws().nextOfType("answer", Duration.ofSeconds(10)).path("receiver_id").asText());
        } finally {
            release.countDown();
        }
    }

    /**
     * A heartbeat round trip that takes long (here a BLPOP that blocks Redis's answer for 1.5 s, on the connection
     * the heartbeat uses, from the cluster thread) does not hold up relays: they go out on their own connection.
     */
    @Test
    void relaysDoNotWaitBehindASlowHeartbeatRoundTrip() throws Exception {
        Client[] s = session();
        Client sender = s[0];
        Client receiver = s[1];
        RedisCluster clusterA = (RedisCluster) a.server().cluster();
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch roundTripDone = new CountDownLatch(1);
        clusterA.runOnClusterThread(() -> {
            blocking.countDown();
            try {
                clusterA.housekeeping().blpop(1.5, "camrtc:test:never-pushed");
            } finally {
                roundTripDone.countDown();
            }
        });
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        Thread.sleep(100); // the BLPOP is on the wire
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + receiver.id() + "','offer':{'type':'offer','sdp':'v=0'}}"));
        receiver.ws().nextOfType("offer", Duration.ofSeconds(10));
        assertEquals(1, roundTripDone.getCount(), "the relay arrived only after the slow round trip had ended");
        assertTrue(roundTripDone.await(10, TimeUnit.SECONDS));
    }

    @Test
    void malformedAndForgedFramesAreDroppedWithALogLineAndTheRelayGoesOn() throws Exception {
        Client[] s = session();
        Client sender = s[0];
        Client receiver = s[1];
        String bTag = Cluster.tagOf(receiver.id());
        String aTag = Cluster.tagOf(sender.id());
        String r = receiver.id();
        Logger logger = (Logger) LoggerFactory.getLogger(MalformedLog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        double droppedBefore = droppedIn(b);
        String offerText = "{\"type\":\"offer\",\"sender_id\":\"" + sender.id() + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"forged\"}}";
        List<String> malformedFrames = List.of(
                "garbage",
                "{\"op\":\"relay\",\"from\":\"" + aTag + "\",\"src\":\"" + sender.id() + "\",\"to\":\"" + r + "\",\"type\":\"offer\",\"text\":\"{}\"}",
                "R1 " + aTag + " " + sender.id(), // truncated header
                RelayFrame.encode(aTag, sender.id(), r, "offer", 1, offerText).substring(0, 60), // truncated text
                RelayFrame.encode(aTag, sender.id(), r, "offer", 1, offerText.replace("forged", "x".repeat(300_000))),
                RelayFrame.encode(aTag, sender.id(), r, "sender", 1, offerText)); // not a relayed type
        // well-formed, from an instance that does not exist, to a receiver that holds no session with that sender
        String forged = RelayFrame.encode("ffff", "s-ffffx1", r, "offer", 1, offerText.replace(sender.id(), "s-ffffx1"));
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> c = client.connect()) {
            for (String frame : malformedFrames) {
                int seen = linesOf(lines, bTag).size();
                assertEquals(1L, c.sync().publish("camrtc:to:" + bTag, frame), "B listens on its channel");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (linesOf(lines, bTag).size() == seen) {
                    assertTrue(System.nanoTime() < deadline, "no log line for " + frame.substring(0, Math.min(80, frame.length())));
                    Thread.sleep(20);
                }
                Thread.sleep(1_100); // at most one such line a second: the next frame gets its own line
            }
            c.sync().publish("camrtc:to:" + bTag, forged);
        } finally {
            logger.detachAppender(lines);
        }
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + r + "','offer':{'type':'offer','sdp':'real'}}"));
        ObjectNode offer = receiver.ws().nextOfType("offer", Duration.ofSeconds(10));
        assertEquals("real", offer.path("offer").path("sdp").asText(), "nothing forged reached the receiver first: " + offer);
        // the real offer went through the same channel after the others: they were all handled before it
        assertEquals(malformedFrames.size() + 1, droppedIn(b) - droppedBefore, 0.0, "every frame counted as dropped_in");
        List<String> bLines = linesOf(lines, bTag);
        assertEquals(malformedFrames.size(), bLines.size(), "one line per malformed frame; none for the forged one "
                + "(dropped like a relay to a peer that just left): " + bLines);
        assertTrue(bLines.stream().anyMatch(line -> line.contains("oversize")), bLines.toString());
        assertTrue(bLines.stream().anyMatch(line -> line.contains("header not ended")), bLines.toString());
        assertTrue(bLines.stream().anyMatch(line -> line.contains("offer text does not begin")), bLines.toString());
        synchronized (lines) {
            assertTrue(lines.list.stream().allMatch(e -> e.getThrowableProxy() == null), "no stack traces");
        }
    }

    /** B's lines about its own channel so far (the appender appends under its own lock). */
    private static List<String> linesOf(ListAppender<ILoggingEvent> lines, String tag) {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.startsWith("instance " + tag + " dropped a malformed cluster message on camrtc:to:" + tag))
                    .toList();
        }
    }

    private static double droppedIn(ServerFixture fx) throws Exception {
        Matcher m = Pattern.compile("signaling_cluster_messages_total\\{direction=\"dropped_in\"} (\\S+)").matcher(get(fx, "/metrics"));
        assertTrue(m.find());
        return Double.parseDouble(m.group(1));
    }
}
