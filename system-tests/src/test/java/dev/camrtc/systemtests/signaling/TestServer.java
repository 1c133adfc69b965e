package dev.camrtc.systemtests.signaling;

import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.net.URI;

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

    public SignalingServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
