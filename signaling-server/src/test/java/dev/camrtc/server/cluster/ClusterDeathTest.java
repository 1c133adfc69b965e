package dev.camrtc.server.cluster;

import static dev.camrtc.server.cluster.ClusterTest.LEAVE_BOUND;
import static dev.camrtc.server.cluster.ClusterTest.senderEntry;
import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An instance in its own process killed with SIGKILL (no goodbye): within 10 s its sender reaches the receivers
 * of the surviving instance as {@code sender_left}, and its receiver reaches the survivor's sender as
 * {@code receiver_left} (PROTOCOL.md 4).
 */
class ClusterDeathTest {

    @Test
    void aKilledInstancesPeersAreReportedLeftWithinTenSeconds() throws Exception {
        try (RedisProcess redis = RedisProcess.startOnFreePort();
             ServerFixture survivor = ServerFixture.start(b -> b.redis(redis.uri()))) {
            int port = freePort();
            Process doomed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "dev.camrtc.server.Main", "--host", "127.0.0.1", "--port", "" + port, "--redis", redis.uri())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitHealthy(port, doomed);
                WsClient doomedSender = WsClient.connect(URI.create("ws://127.0.0.1:" + port + Role.SENDER.path() + "?name=doomed"));
                String doomedSenderId = doomedSender.next().path("sender_id").asText();
                WsClient doomedReceiver = WsClient.connect(URI.create("ws://127.0.0.1:" + port + Role.RECEIVER.path()));
                doomedReceiver.next();
                Client receiver = survivor.receiver();
                Client sender = survivor.sender("survivor");
                senderEntry(receiver.ws(), doomedSenderId);
                senderEntry(doomedReceiver, sender.id());
                doomedReceiver.send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
                String doomedReceiverId = sender.ws().nextOfType("request_offer", Duration.ofSeconds(10))
                        .path("receiver_id").asText();

                long killed = System.nanoTime();
                doomed.destroyForcibly(); // SIGKILL
                assertTrue(doomed.waitFor(10, TimeUnit.SECONDS));
                assertEquals(doomedSenderId, receiver.ws().nextOfType("sender_left", LEAVE_BOUND.plusSeconds(5))
                        .path("sender_id").asText());
                assertEquals(doomedReceiverId, sender.ws().nextOfType("receiver_left", LEAVE_BOUND.plusSeconds(5))
                        .path("receiver_id").asText());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                assertTrue(millis <= LEAVE_BOUND.toMillis(), "reported after " + millis + " ms");
                doomedSender.abort();
                doomedReceiver.abort();
            } finally {
                doomed.destroyForcibly();
                doomed.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitHealthy(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the second instance did not start (alive: " + process.isAlive() + ")");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
