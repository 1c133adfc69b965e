package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@code ice_servers} in {@code registered} (PROTOCOL.md 3.1): configured list, TURN REST credentials per peer. */
class IceServersTest {

    @Test
    void emptyByDefault() throws Exception {
        try (ServerFixture fx = ServerFixture.start()) {
            assertEquals(0, fx.sender(null).registered().path("ice_servers").size());
            assertTrue(fx.receiver().registered().path("ice_servers").isArray());
        }
    }

    @Test
    void configuredServersWithTurnRestCredentialsForEachPeer() throws Exception {
        List<IceServer> configured = List.of(
                new IceServer("stun:198.18.0.1:3478"),
                new IceServer(List.of("turn:198.18.0.1:3478?transport=udp", "turn:198.18.0.1:3478?transport=tcp"), null, null),
                new IceServer(List.of("turn:198.18.0.9:3478"), "static-user", "static-pass"));
        try (ServerFixture fx = ServerFixture.start(b -> b.iceServers(configured).turnSecret("lab-secret")
                .turnTtl(Duration.ofMinutes(10)))) {
            for (Client client : List.of(fx.sender("s"), fx.receiver())) {
                JsonNode ice = client.registered().path("ice_servers");
                assertEquals(3, ice.size(), ice.toString());
                assertEquals("stun:198.18.0.1:3478", ice.get(0).path("urls").get(0).asText());
                assertFalse(ice.get(0).has("username"));
                assertFalse(ice.get(0).has("credential"));
                assertEquals(2, ice.get(1).path("urls").size());
                String username = ice.get(1).path("username").asText();
                String[] parts = username.split(":");
                assertEquals(client.id(), parts[1]);
                long expiry = Long.parseLong(parts[0]);
                long now = System.currentTimeMillis() / 1000;
                assertTrue(Math.abs(expiry - (now + 600)) <= 5, "expiry " + expiry + " vs now " + now);
                assertEquals(hmacSha1Base64("lab-secret", username), ice.get(1).path("credential").asText());
                assertEquals("static-user", ice.get(2).path("username").asText());
                assertEquals("static-pass", ice.get(2).path("credential").asText());
            }
        }
    }

    private static String hmacSha1Base64(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
