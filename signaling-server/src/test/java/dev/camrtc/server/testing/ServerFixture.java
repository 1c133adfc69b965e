package dev.camrtc.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.Role;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real signaling server on 127.0.0.1 and an ephemeral port, and the clients a test opened on it. */
public final class ServerFixture implements AutoCloseable {

    /** A connected client and the id its {@code registered} gave it. */
    public record Client(WsClient ws, String id, ObjectNode registered) {
    }

    private final SignalingServer server;
    private final List<WsClient> clients = new ArrayList<>();

    private ServerFixture(SignalingServer server) {
        this.server = server;
    }

    public static ServerFixture start() {
        return start(b -> b);
    }

    public static ServerFixture start(UnaryOperator<ServerConfig.Builder> tweak) {
        return new ServerFixture(SignalingServer.start(
                tweak.apply(ServerConfig.builder().host("127.0.0.1").port(0)).build()));
    }

    public SignalingServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public URI uri(Role role, String query) {
        return URI.create(server.wsUri(role) + (query == null ? "" : "?" + query));
    }

    /** Opens a client on {@code role}'s endpoint; does not read anything. */
    public WsClient open(Role role, String query) throws Exception {
        WsClient ws = WsClient.connect(uri(role, query));
        clients.add(ws);
        return ws;
    }

    /** A sender named {@code name} (null = no name), after its {@code registered}. */
    public Client sender(String name) throws Exception {
        WsClient ws = open(Role.SENDER, name == null ? null : "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        ObjectNode registered = ws.next();
        assertEquals("registered", registered.path("type").asText(), registered.toString());
        return new Client(ws, registered.path("sender_id").asText(), registered);
    }

    /** A receiver, after its {@code registered} (the directory's {@code sender} messages follow). */
    public Client receiver() throws Exception {
        WsClient ws = open(Role.RECEIVER, null);
        ObjectNode registered = ws.next();
        assertEquals("registered", registered.path("type").asText(), registered.toString());
        return new Client(ws, registered.path("receiver_id").asText(), registered);
    }

    /**
     * Waits (up to 5 s) until the server holds nothing for any connection, and has held nothing for 250 ms:
     * a client sees its upgrade complete before the server has registered the connection, so a single look
     * right after a short-lived connection can see nothing yet and the entries arrive just after.
     */
    public void awaitNoState() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        long quietSince = -1;
        while (System.currentTimeMillis() < deadline) {
            boolean empty = server.heldEntries() == 0 && server.openConnections() == 0;
            long now = System.currentTimeMillis();
            if (!empty) {
                quietSince = -1;
            } else if (quietSince < 0) {
                quietSince = now;
            } else if (now - quietSince >= 250) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals(0, server.heldEntries(), "entries held for closed connections");
        assertEquals(0, server.openConnections(), "open connections");
    }

    /** Drops every client opened so far (TCP abort); the server keeps running. */
    public void closeClients() {
        for (WsClient ws : clients) {
            ws.abort();
        }
        clients.clear();
    }

    @Override
    public void close() {
        for (WsClient ws : clients) {
            ws.abort();
        }
        server.close();
    }
}
