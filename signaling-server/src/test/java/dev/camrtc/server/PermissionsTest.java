package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.Role;
import dev.camrtc.server.testing.RawWebSocket;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several tokens with permissions (PROTOCOL.md 1) from a {@code --tokens} file: 401 for an unknown token,
 * 403 for a token without the permission or the name, {@code forbidden} for a {@code control} {@code set}
 * without {@code control}, names reserved by globs, permissions in {@code registered}, and a file that
 * changes while connections are open.
 */
class PermissionsTest {

    static final String TOKENS = """
            tokens:
              - token: admin-secret
                label: admin
                publish: true
                view: true
                control: true
              - token: lab-publisher
                publish: ["lab-*"]
              - token: viewer-secret
                view: true
              - token: operator-secret
                view: true
                control: true
            """;

    @TempDir
    Path dir;
    private ServerFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private Path write(String name, String text) throws Exception {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text);
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void start(String fileName, String text) throws Exception {
        Path file = write(fileName, text);
        fx = ServerFixture.start(b -> b.tokensFile(file));
    }

    private int upgrade(String pathAndQuery) throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), pathAndQuery)) {
            return raw.status();
        }
    }

    private Client connect(Role role, String query) throws Exception {
        WsClient ws = fx.open(role, query);
        ObjectNode registered = ws.next();
        assertEquals("registered", registered.path("type").asText());
        return new Client(ws, registered.path(role.ownIdField()).asText(), registered);
    }

    @Test
    void eachEndpointAndNameNeedsItsPermissionBeforeUpgrade() throws Exception {
        start("tokens.yaml", TOKENS);
        assertEquals(401, upgrade("/ws/receiver"));
        assertEquals(401, upgrade("/ws/receiver?token=nobody"));
        assertEquals(403, upgrade("/ws/sender?token=viewer-secret&name=cam"));
        assertEquals(403, upgrade("/ws/receiver?token=lab-publisher"));
        assertEquals(403, upgrade("/ws/sender?token=lab-publisher&name=cam"), "outside its globs");
        assertEquals(403, upgrade("/ws/sender?token=lab-publisher"), "no name: the default name is outside its globs");
        assertEquals(403, upgrade("/ws/sender?token=admin-secret&name=lab-1"), "lab-* is reserved for lab-publisher");
        assertEquals(101, upgrade("/ws/sender?token=lab-publisher&name=lab-1"));
        assertEquals(101, upgrade("/ws/sender?token=admin-secret&name=cam"));
        assertEquals(101, upgrade("/ws/sender?token=admin-secret"));
        assertEquals(101, upgrade("/ws/receiver?token=viewer-secret"));
        fx.awaitNoState();
        String metrics = fx.server().metrics().scrape();
        assertTrue(metrics.contains("signaling_connections_refused_total{reason=\"forbidden\"} 5.0"), metrics);
        assertTrue(metrics.contains("signaling_connections_refused_total{reason=\"unauthorized\"} 2.0"), metrics);
    }

    @Test
    void registeredTellsThePeerItsPermissions() throws Exception {
        start("tokens.json", WsClient.JSON.writeValueAsString(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(TOKENS)));
        assertEquals(List.of("view"), permissions(connect(Role.RECEIVER, "token=viewer-secret")));
        assertEquals(List.of("view", "control"), permissions(connect(Role.RECEIVER, "token=operator-secret")));
        assertEquals(List.of("publish"), permissions(connect(Role.SENDER, "token=lab-publisher&name=lab-2")));
        fx.close();
        fx = ServerFixture.start();
        assertEquals(List.of("publish", "view", "control"), permissions(fx.receiver()));
    }

    private static List<String> permissions(Client client) {
        return WsClient.JSON.convertValue(client.registered().path("permissions"),
                WsClient.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void controlSetNeedsTheControlPermissionListAndGetDoNot() throws Exception {
        start("tokens.yaml", TOKENS);
        Client sender = connect(Role.SENDER, "token=admin-secret&name=cam");
        Client viewer = connect(Role.RECEIVER, "token=viewer-secret");
        viewer.ws().next();
        String set = "{'type':'control','sender_id':'" + sender.id() + "','request_id':'1','op':'set','name':'exposure','value':1}";
        viewer.ws().send(msg(set));
        assertEquals("control", viewer.ws().nextError("forbidden").path("ref").asText());
        sender.ws().expectNothing(300);
        viewer.ws().send(msg(set.replace("'set'", "'get'")));
        assertEquals("get", sender.ws().next().path("op").asText());
        viewer.ws().send(msg(set.replace("'set'", "'list'")));
        assertEquals("list", sender.ws().next().path("op").asText());
        Client operator = connect(Role.RECEIVER, "token=operator-secret");
        operator.ws().next();
        operator.ws().send(msg(set));
        assertEquals("set", sender.ws().next().path("op").asText());
        assertTrue(fx.server().metrics().scrape().contains("signaling_errors_total{code=\"forbidden\"} 1.0"));
    }

    @Test
    void anAnnounceCannotRenameASenderIntoAReservedName() throws Exception {
        start("tokens.yaml", TOKENS);
        Client admin = connect(Role.SENDER, "token=admin-secret&name=cam");
        admin.ws().send(msg("{'type':'announce','name':'lab-7'}"));
        assertEquals("announce", admin.ws().nextError("forbidden").path("ref").asText());
        Client lab = connect(Role.SENDER, "token=lab-publisher&name=lab-1");
        lab.ws().send(msg("{'type':'announce','name':'cam'}"));
        lab.ws().nextError("forbidden");
        lab.ws().send(msg("{'type':'announce','name':'lab-2'}"));
        Client viewer = connect(Role.RECEIVER, "token=viewer-secret");
        List<String> names = List.of(viewer.ws().next().path("name").asText(), viewer.ws().next().path("name").asText());
        assertEquals(List.of("cam", "lab-2"), names);
    }

    @Test
    void aChangedFileClosesOnlyConnectionsNoLongerAllowed() throws Exception {
        start("tokens.yaml", TOKENS);
        Client sender = connect(Role.SENDER, "token=lab-publisher&name=lab-1");
        Client viewer = connect(Role.RECEIVER, "token=viewer-secret");
        Client operator = connect(Role.RECEIVER, "token=operator-secret");
        Client admin = connect(Role.SENDER, "token=admin-secret&name=cam");
        assertEquals(401, upgrade("/ws/receiver?token=new-viewer"));

        // viewer's token removed, operator loses control, lab-publisher now only "lab-1*" (still fits), a new token
        write("tokens.yaml", """
                tokens:
                  - {token: admin-secret, publish: true, view: true, control: true}
                  - {token: lab-publisher, publish: ["lab-1*"]}
                  - {token: operator-secret, view: true}
                  - {token: new-viewer, view: true}
                """);
        assertEquals(1008, viewer.ws().awaitClose(Duration.ofSeconds(10)));
        long deadline = System.currentTimeMillis() + 10_000;
        while (upgrade("/ws/receiver?token=new-viewer") != 101) {
            assertTrue(System.currentTimeMillis() < deadline, "the new token was not picked up");
            Thread.sleep(100);
        }
        assertFalse(operator.ws().isClosed());
        assertFalse(sender.ws().isClosed());
        assertFalse(admin.ws().isClosed());
        operator.ws().send(msg("{'type':'control','sender_id':'" + sender.id() + "','request_id':'1','op':'set','name':'gain','value':1}"));
        while (true) { // skip the directory, then the refusal
            ObjectNode m = operator.ws().next();
            if (m.path("type").asText().equals("error")) {
                assertEquals("forbidden", m.path("code").asText());
                break;
            }
        }

        // an invalid file changes nothing; the lab glob gone closes the lab sender
        write("tokens.yaml", "tokens: [ {token: admin-secret, publish: maybe} ]");
        Thread.sleep(2_500);
        assertFalse(sender.ws().isClosed());
        assertEquals(101, upgrade("/ws/receiver?token=new-viewer"));
        write("tokens.yaml", """
                tokens:
                  - {token: admin-secret, publish: true, view: true, control: true}
                  - {token: lab-publisher, publish: ["lab-2*"]}
                  - {token: operator-secret, view: true}
                """);
        assertEquals(1008, sender.ws().awaitClose(Duration.ofSeconds(10)));
        assertFalse(operator.ws().isClosed());
        assertFalse(admin.ws().isClosed());
        String closed = "signaling_connections_closed_total{reason=\"permission_withdrawn\"} 2.0";
        long until = System.currentTimeMillis() + 5_000; // counted right after the close frame went out
        while (!fx.server().metrics().scrape().contains(closed) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertTrue(fx.server().metrics().scrape().contains(closed), fx.server().metrics().scrape());
    }

    @Test
    void theSingleTokenOptionStillGrantsEverythingBesideTheFile() throws Exception {
        Path file = write("tokens.yaml", TOKENS);
        fx = ServerFixture.start(b -> b.tokensFile(file).token("root-token"));
        assertEquals(List.of("publish", "view", "control"), permissions(connect(Role.RECEIVER, "token=root-token")));
        assertEquals(101, upgrade("/ws/sender?token=root-token&name=any"));
        assertEquals(403, upgrade("/ws/sender?token=root-token&name=lab-3"), "lab-* stays reserved");
        assertEquals(101, upgrade("/ws/receiver?token=viewer-secret"));
        assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fx.server().httpUri() + "api/senders?token=viewer-secret")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aTokensFileWithoutTokensLetsNobodyIn() throws Exception {
        start("tokens.yaml", "tokens: []\n");
        assertEquals(401, upgrade("/ws/receiver"));
        assertEquals(401, upgrade("/ws/sender?name=cam&token=anything"));
    }

    @Test
    void aBadTokensFileIsRefusedAtStartWithItsReason() throws Exception {
        Path file = write("tokens.yaml", "tokens:\n  - {token: x, publish: yes-please}\n");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0).tokensFile(file).build()));
        assertTrue(e.getMessage().contains("tokens[0]") && e.getMessage().contains("publish"), e.getMessage());
    }
}
