package dev.camrtc.systemtests.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.StreamDescription;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A sender that speaks PROTOCOL.md over a real WebSocket but carries no media: it lets browser tests
 * drive the viewer's directory, routing and control panel against the real signaling server. Every
 * message it receives is kept, in order, for {@link #await}.
 */
public final class ScriptedSender implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;
    private final String senderId;
    private final List<JsonNode> history = new java.util.ArrayList<>();

    private ScriptedSender(WebSocket socket, BlockingQueue<JsonNode> received) throws InterruptedException {
        this.socket = socket;
        this.received = received;
        JsonNode first = received.poll(5, TimeUnit.SECONDS);
        if (first == null || !"registered".equals(first.path("type").asText())) {
            throw new AssertionError("expected registered first, got " + first);
        }
        this.senderId = first.path("sender_id").asText();
    }

    /** Connects to {@code ws://host:port/ws/sender?name=...} and waits for {@code registered}. */
    public static ScriptedSender connect(URI server, String name) throws InterruptedException {
        return connect(server, name, null);
    }

    /** As {@link #connect(URI, String)}, with the server's access token (null = none). */
    public static ScriptedSender connect(URI server, String name, String token) throws InterruptedException {
        URI uri = URI.create("ws://" + server.getAuthority() + "/ws/sender?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener(queue)).join();
        return new ScriptedSender(ws, queue);
    }

    public String senderId() {
        return senderId;
    }

    public void announce(List<StreamDescription> streams, String mjpegUrl) {
        send(new Announce(null, streams, mjpegUrl));
    }

    public void send(Message message) {
        socket.sendText(MessageCodec.encode(message), true).join();
    }

    /** Answers a {@code control} message. */
    public void reply(JsonNode control, boolean ok, Object value, String error) {
        String receiver = control.path("receiver_id").asText();
        String requestId = control.path("request_id").asText();
        send(ok ? ControlResult.success(receiver, requestId, JSON.valueToTree(value))
                : ControlResult.failure(receiver, requestId, error));
    }

    /**
     * The first received message of this type matching the predicate that no earlier call returned,
     * waiting for it up to {@code timeout}. Messages are kept in arrival order; none is skipped.
     */
    public JsonNode await(String type, Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < history.size(); i++) {
                JsonNode m = history.get(i);
                if (type.equals(m.path("type").asText()) && matching.test(m)) {
                    history.remove(i);
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            JsonNode next = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("sender " + senderId + " received no " + type + " within " + timeout
                        + "; it received " + history);
            }
            history.add(next);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> queue;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<JsonNode> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    queue.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("server sent a frame that is not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
