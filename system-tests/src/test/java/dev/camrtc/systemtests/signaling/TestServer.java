package dev.camrtc.systemtests.signaling;

import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The real signaling server, in process, on a free loopback port; it serves the packaged web viewer. */
public final class TestServer implements AutoCloseable {

    private final SignalingServer server;

    private TestServer(SignalingServer server) {
        this.server = server;
    }

    public static TestServer start() {
        return start(ServerConfig.builder());
    }

    public static TestServer start(ServerConfig.Builder config) {
        return new TestServer(SignalingServer.start(config.host("127.0.0.1").port(0).build()));
    }

    /** Stops this server and starts a new one (with no memory of its peers) on the same port. */
    public TestServer restart() {
        int port = server.port();
        ServerConfig config = server.config();
        server.close();
        return new TestServer(SignalingServer.start(config.toBuilder().port(port).build()));
    }

    /** {@code http://127.0.0.1:port/}. */
    public URI uri() {
        return server.httpUri();
    }

    /** An address on the server, e.g. {@code http("/#/s/lab")}. */
    public URI http(String pathAndMore) {
        return uri().resolve(pathAndMore.startsWith("/") ? pathAndMore.substring(1) : pathAndMore);
    }

    /**
     * Waits until the server's directory ({@code GET /api/senders}) lists a sender of this name with its
     * streams announced, so a test failure says which side is late.
     */
    public JsonNode awaitSender(String name, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(http("/api/senders")).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.body();
            for (JsonNode sender : new ObjectMapper().readTree(last)) {
                if (name.equals(sender.path("name").asText()) && sender.path("streams").size() > 0) {
                    return sender;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server's directory never listed " + name + " with streams within "
                + timeout + ": " + last);
    }

    public SignalingServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
