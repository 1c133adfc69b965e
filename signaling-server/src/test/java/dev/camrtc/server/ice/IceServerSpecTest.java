package dev.camrtc.server.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.IceServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServerSpecTest {

    @Test
    void commaSeparatedUrlsMakeOneServer() {
        assertEquals(new IceServer(List.of("turn:turn.lab:3478?transport=udp", "turns:turn.lab:5349"), null, null),
                IceServerSpec.parse("turn:turn.lab:3478?transport=udp, turns:turn.lab:5349"));
        assertEquals(new IceServer("stun:10.0.0.1:3478"), IceServerSpec.parse("stun:10.0.0.1:3478"));
    }

    @Test
    void rtcIceServerJsonWithCredentials() {
        assertEquals(new IceServer(List.of("turn:turn.lab:3478"), "u", "p"),
                IceServerSpec.parse("{\"urls\":[\"turn:turn.lab:3478\"],\"username\":\"u\",\"credential\":\"p\"}"));
        assertEquals(new IceServer(List.of("stun:10.0.0.1"), null, null), IceServerSpec.parse("{\"urls\":\"stun:10.0.0.1\"}"));
    }

    @Test
    void badSpecsSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServerSpec.parse("http://turn.lab"))
                .getMessage().contains("stun:, stuns:, turn: or turns:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServerSpec.parse(""))
                .getMessage().contains("ICE server"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IceServerSpec.parse("{\"urls\":[\"turn:a\"],\"username\":\"u\"}")).getMessage().contains("both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServerSpec.parse("{\"urls\":[\"turn:a\"],"))
                .getMessage().contains("JSON"));
    }
}
