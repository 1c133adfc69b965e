package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The start-up line names the address the server is bound to, not one it merely can be reached at. */
class ListeningLineTest {

    @Test
    void aWildcardHostIsNamedAsSuch() {
        assertEquals("http://0.0.0.0:8080/ (every interface)", SignalingServer.listeningOn(false, "0.0.0.0", 8080));
        assertEquals("https://[::]:8443/ (every interface)", SignalingServer.listeningOn(true, "::", 8443));
    }

    @Test
    void aSpecificHostIsItself() {
        assertEquals("http://127.0.0.1:8080/", SignalingServer.listeningOn(false, "127.0.0.1", 8080));
        assertEquals("http://[fd00::1]:9000/", SignalingServer.listeningOn(false, "fd00::1", 9000));
    }
}
