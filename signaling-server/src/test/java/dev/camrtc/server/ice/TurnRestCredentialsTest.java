package dev.camrtc.server.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The coturn TURN REST formula: username {@code <expiry>:<id>}, password base64(HMAC-SHA1(secret, username)). */
class TurnRestCredentialsTest {

    @Test
    void matchesAnIndependentlyComputedVector() {
        // python3: base64.b64encode(hmac.new(b'north-lab-secret', b'1700086400:r-1abcd', hashlib.sha1).digest())
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        TurnRestCredentials turn = new TurnRestCredentials("north-lab-secret", Duration.ofHours(24), clock);
        TurnRestCredentials.Credential credential = turn.issue("r-1abcd");
        assertEquals("1700086400:r-1abcd", credential.username());
        assertEquals("QnBp6htajB90Nmbi0cKPukVg5eg=", credential.credential());
    }

    @Test
    void lifetimeIsConfigurable() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000L), ZoneOffset.UTC);
        assertEquals("1060:s-1", new TurnRestCredentials("x", Duration.ofMinutes(1), clock).issue("s-1").username());
    }
}
