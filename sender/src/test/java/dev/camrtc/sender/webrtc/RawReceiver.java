package dev.camrtc.sender.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A receiver written straight on the JDK's WebSocket client, with no help from the project's signaling
 * client: it sends whatever JSON a test gives it (careless or hostile input) and collects every message
 * the server sends, as parsed JSON.
 */
final class RawReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket ws;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final String receiverId;

    private RawReceiver(URI server) throws Exception {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(server + "/ws/receiver"), new Listener())
                .get(10, TimeUnit.SECONDS);
        this.receiverId = await(m -> "registered".equals(m.path("type").asText()), Duration.ofSeconds(10))
                .path("receiver_id").asText();
    }

    static RawReceiver connect(URI server) throws Exception {
        return new RawReceiver(server);
    }

    String receiverId() {
        return receiverId;
    }

    /** Sends one text frame and waits until the JDK client has handed it over. */
    void send(String json) throws Exception {
        ws.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    /** The first message (discarding the ones before it) that matches, or an AssertionError after {@code timeout}. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no matching message within " + timeout);
            }
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** A message of {@code type} from sender {@code senderId} (sender's messages carry sender_id after relay). */
    JsonNode await(String type, String senderId, Duration timeout) throws InterruptedException {
        return await(m -> type.equals(m.path("type").asText()) && senderId.equals(m.path("sender_id").asText()), timeout);
    }

    /** Messages received and not yet taken by {@link #await}. */
    BlockingQueue<JsonNode> inbox() {
        return inbox;
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(text.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent invalid JSON: " + text, e);
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
