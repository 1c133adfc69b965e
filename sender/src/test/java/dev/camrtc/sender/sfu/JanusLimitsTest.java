package dev.camrtc.sender.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's bounds, against a stand-in that answers like a Janus whose events never come (acks only) or whose
 * answers are too large: things a real Janus does not do on demand. The client's real behaviour is JanusSessionTest.
 */
@Timeout(30)
class JanusLimitsTest {

    private HttpServer server;
    private volatile String messageAnswer = "{\"janus\":\"ack\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/janus", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String body;
        if (x.getRequestMethod().equals("GET")) {
            sleep(1000);
            body = "[]"; // a poll with no events
        } else if (path.equals("/janus")) {
            body = "{\"janus\":\"success\",\"data\":{\"id\":7}}";
        } else if (path.equals("/janus/7")) {
            body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("attach")
                    ? "{\"janus\":\"success\",\"data\":{\"id\":9}}" : "{\"janus\":\"ack\"}";
        } else {
            body = messageAnswer;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/janus");
    }

    @Test
    void requestsWaitingForTheirEventAreCappedAndTimeOut() throws Exception {
        JanusLimits two = new JanusLimits(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(20), 2,
                1 << 16, 10, 2);
        try (JanusSession s = JanusSession.create(uri(), two, "test");
             JanusHandle h = s.attach(VideoRoom.PLUGIN, null)) {
            CompletableFuture<JanusEvent> first = h.message(VideoRoom.start(), null);
            CompletableFuture<JanusEvent> second = h.message(VideoRoom.start(), null);
            CompletableFuture<JanusEvent> third = h.message(VideoRoom.start(), null);
            ExecutionException refused = assertThrows(ExecutionException.class, () -> third.get(1, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage().contains("more than 2"), refused.getCause().getMessage());
            for (CompletableFuture<JanusEvent> f : java.util.List.of(first, second)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
                assertInstanceOf(TimeoutException.class, e.getCause());
            }
            // the timed-out ones no longer count: a new request is accepted (and times out in turn)
            ExecutionException again = assertThrows(ExecutionException.class,
                    () -> h.message(VideoRoom.start(), null).get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, again.getCause());
        }
    }

    @Test
    void anAnswerLargerThanTheBoundIsAnErrorAndChangesNothingElse() throws Exception {
        JanusLimits small = new JanusLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20), 4,
                1024, 10, 2);
        try (JanusSession s = JanusSession.create(uri(), small, "test");
             JanusHandle h = s.attach(VideoRoom.PLUGIN, null)) {
            messageAnswer = "{\"janus\":\"success\",\"pad\":\"" + "x".repeat(2000) + "\"}";
            JanusException e = assertThrows(JanusException.class,
                    () -> h.request(JanusSession.JSON.createObjectNode().put("request", "exists").put("room", 1)));
            assertTrue(e.getMessage().contains("more than 1024 bytes"), e.getMessage());
            messageAnswer = "{\"janus\":\"success\",\"plugindata\":{\"data\":{\"exists\":true}}}";
            assertEquals(true, h.request(JanusSession.JSON.createObjectNode().put("request", "exists")
                    .put("room", 1)).path("exists").asBoolean());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
