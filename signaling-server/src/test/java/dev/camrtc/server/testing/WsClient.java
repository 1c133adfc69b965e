package dev.camrtc.server.testing;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real WebSocket client for tests (the JDK's {@code java.net.http.WebSocket}): collects every text
 * message in order; answers pings automatically, as browsers do.
 */
public final class WsClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 5_000;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers, SSLContext ssl) throws Exception {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            http.sslContext(ssl);
        }
        WebSocket.Builder builder = http.build().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    public static WsClient connect(URI uri) throws Exception {
        return new WsClient(uri, Map.of(), null);
    }

    public static WsClient connect(URI uri, Map<String, String> headers, SSLContext ssl) throws Exception {
        return new WsClient(uri, headers, ssl);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void send(JsonNode json) {
        send(json.toString());
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message, as JSON; fails the test after 5 s. */
    public ObjectNode next() throws InterruptedException {
        String text = messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (text == null) {
            fail("no message within " + WAIT_MS + " ms" + (closed.isDone() ? " (closed " + closed.join() + ")" : ""));
        }
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("server sent invalid JSON: " + text, e);
        }
    }

    /** The next message of {@code type}, skipping others; fails the test after {@code timeout}. */
    public ObjectNode nextOfType(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (text == null) {
                fail("no " + type + " within " + timeout.toMillis() + " ms");
            }
            try {
                ObjectNode m = (ObjectNode) JSON.readTree(text);
                if (type.equals(m.path("type").asText())) {
                    return m;
                }
            } catch (Exception e) {
                throw new AssertionError("server sent invalid JSON: " + text, e);
            }
        }
    }

    /** The next message, raw. */
    public String nextText() throws InterruptedException {
        String text = messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (text == null) {
            fail("no message within " + WAIT_MS + " ms");
        }
        return text;
    }

    /** Asserts no message arrives for {@code millis}. */
    public void expectNothing(long millis) throws InterruptedException {
        String text = messages.poll(millis, TimeUnit.MILLISECONDS);
        assertNull(text, "unexpected message");
    }

    /** The next message, which must be an {@code error} with {@code code}; returns it. */
    public ObjectNode nextError(String code) throws InterruptedException {
        ObjectNode m = next();
        if (!"error".equals(m.path("type").asText()) || !code.equals(m.path("code").asText())) {
            fail("expected error " + code + ", got " + m);
        }
        return m;
    }

    /** Messages waiting right now. */
    public int pending() {
        return messages.size();
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes without a close handshake (TCP abort). */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
