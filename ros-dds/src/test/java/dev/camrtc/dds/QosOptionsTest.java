package dev.camrtc.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QosOptionsTest {
    @Test
    void defaultsAreReliableKeepLastTen() {
        QosOptions q = QosOptions.defaults();
        assertEquals(Reliability.RELIABLE, q.reliability());
        assertEquals(10, q.depth());
        assertEquals(Defaults.MAX_BLOCKING_TIME, q.maxBlockingTime());
    }

    @Test
    void parsesReliabilityAndRefusesBadValues() {
        assertEquals(Reliability.BEST_EFFORT, Reliability.parse("best-effort"));
        assertEquals(Reliability.BEST_EFFORT, Reliability.parse("BEST_EFFORT"));
        assertEquals(Reliability.RELIABLE, Reliability.parse(" reliable"));
        assertThrows(IllegalArgumentException.class, () -> Reliability.parse("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> QosOptions.defaults().withDepth(0));
        assertThrows(IllegalArgumentException.class, () -> QosOptions.defaults().withMaxBlockingTime(Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> QosOptions.defaults().withMaxBlockingTime(Duration.ofMillis(-1)));
        assertEquals(1, QosOptions.defaults().withDepth(1).depth());
    }

    @Test
    void distroNames() {
        assertEquals(24, RosDistro.fromName("Humble").gidSize());
        assertEquals(16, RosDistro.fromName("jazzy").gidSize());
        assertEquals(16, RosDistro.fromName("iron").gidSize());
        assertThrows(IllegalArgumentException.class, () -> RosDistro.fromName(" "));
    }
}
