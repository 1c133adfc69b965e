package dev.camrtc.server.cluster;

import static dev.camrtc.server.cluster.ClusterTest.senderEntry;
import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permissions across instances sharing one tokens file: a {@code control} {@code set} to a sender on another
 * instance is refused ({@code forbidden}) on the receiver's instance when its token lacks {@code control}, and a
 * reserved name cannot be squatted on another instance either.
 */
class ClusterPermissionsTest {

    private static final String TOKENS = """
            tokens:
              - token: admin-secret
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

    @Test
    void permissionsAndReservedNamesHoldAcrossInstances() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.yaml"), TOKENS);
        try (RedisProcess redis = RedisProcess.startOnFreePort();
             ServerFixture a = ServerFixture.start(b -> b.redis(redis.uri()).tokensFile(tokens));
             ServerFixture b = ServerFixture.start(x -> x.redis(redis.uri()).tokensFile(tokens))) {
            WsClient sender = a.open(Role.SENDER, "token=lab-publisher&name=lab-1");
            String senderId = sender.next().path("sender_id").asText();
            WsClient viewer = b.open(Role.RECEIVER, "token=viewer-secret");
            viewer.next();
            senderEntry(viewer, senderId);
            WsClient operator = b.open(Role.RECEIVER, "token=operator-secret");
            String operatorId = operator.next().path("receiver_id").asText();
            senderEntry(operator, senderId);

            viewer.send(msg("{'type':'control','sender_id':'" + senderId + "','request_id':'1','op':'set','name':'exposure','value':1}"));
            assertEquals("control", viewer.nextError("forbidden").path("ref").asText());
            operator.send(msg("{'type':'control','sender_id':'" + senderId + "','request_id':'2','op':'set','name':'exposure','value':1}"));
            var control = sender.nextOfType("control", Duration.ofSeconds(10));
            assertEquals(operatorId, control.path("receiver_id").asText());
            assertEquals("2", control.path("request_id").asText(), "the refused set never reached the sender");

            assertThrows(Exception.class, () -> b.open(Role.SENDER, "token=admin-secret&name=lab-2"),
                    "a name reserved for lab-publisher is refused on the other instance too");
        }
    }
}
