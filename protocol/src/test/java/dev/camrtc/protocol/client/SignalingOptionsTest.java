package dev.camrtc.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Role;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SignalingOptionsTest {

    @Test
    void senderEndpointCarriesNameAndEncodedToken() {
        SignalingOptions options = SignalingOptions.sender(URI.create("ws://127.0.0.1:8080"), "d435-lab", "a b&c=d/é");
        assertEquals(URI.create("ws://127.0.0.1:8080/ws/sender?name=d435-lab&token=a%20b%26c%3Dd%2F%C3%A9"),
                options.endpoint());
        assertEquals("ws://127.0.0.1:8080/ws/sender?name=d435-lab", options.endpointWithoutToken());
        assertEquals(SignalingDefaults.CONNECT_TIMEOUT, options.connectTimeout());
    }

    @Test
    void receiverEndpointWithoutTokenOrName() {
        assertEquals(URI.create("ws://[::1]:9/ws/receiver"),
                SignalingOptions.receiver(URI.create("ws://[::1]:9"), null).endpoint());
        assertEquals(URI.create("ws://h:9/ws/receiver?token=t"),
                SignalingOptions.receiver(URI.create("ws://h:9/"), "t").endpoint());
        assertNull(SignalingOptions.receiver(URI.create("ws://h:9"), "").token());
    }

    @Test
    void httpSchemesBecomeWebSocketSchemesAndAPathIsKept() {
        assertEquals(URI.create("wss://example.test/signal/ws/receiver"),
                SignalingOptions.receiver(URI.create("https://example.test/signal/"), null).endpoint());
        assertEquals(URI.create("ws://h:80/ws/sender"),
                SignalingOptions.sender(URI.create("HTTP://h:80"), null, null).endpoint());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> SignalingOptions.sender(URI.create("ws://h:1"), "bad name!", null));
        assertTrue(name.getMessage().contains("'bad name!'"), name.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SignalingOptions.sender(URI.create("ws://h:1"), "x".repeat(65), null));
        SignalingOptions.sender(URI.create("ws://h:1"), "x".repeat(64), null);
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> SignalingOptions.receiver(URI.create("ftp://h:1"), null));
        assertTrue(scheme.getMessage().contains("ws://host:port"), scheme.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SignalingOptions(URI.create("ws://h:1"), Role.RECEIVER, "n", null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SignalingOptions(URI.create("ws://h:1"), null, null, null, null, null));
    }
}
