package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PeerSettings d = PeerSettings.defaults();
        assertEquals(VideoCodec.H264, d.codec());
        assertEquals(1_500_000, d.minBitrateBps());
        assertEquals(4_000_000, d.maxBitrateBps());
        assertFalse(d.trickle(), "non-trickle must work for every peer (PROTOCOL.md 3.4)");
        assertEquals(Duration.ofSeconds(5), d.gatheringTimeout());
    }

    @Test
    void withersChangeOneField() {
        PeerSettings s = PeerSettings.defaults().withCodec(VideoCodec.H264).withTrickle(true)
                .withBitrates(0, 0).withGatheringTimeout(Duration.ofMillis(200));
        assertEquals(new PeerSettings(VideoCodec.H264, 0, 0, true, Duration.ofMillis(200)), s);
    }

    @Test
    void refusesInconsistentValues() {
        PeerSettings d = PeerSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withBitrates(-1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withBitrates(3_000_000, 2_000_000));
        assertTrue(e.getMessage().contains("above max"), e.getMessage());
        assertEquals(5_000_000, d.withBitrates(5_000_000, 0).minBitrateBps(), "no cap: any floor is fine");
        assertThrows(IllegalArgumentException.class, () -> d.withGatheringTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> d.withCodec(null));
    }
}
