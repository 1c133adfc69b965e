package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {

    @Test
    void units() {
        assertEquals(Duration.ofMillis(500), DurationParser.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), DurationParser.parse("10s"));
        assertEquals(Duration.ofSeconds(10), DurationParser.parse("10"));
        assertEquals(Duration.ofMinutes(2), DurationParser.parse("2m"));
        assertEquals(Duration.ofHours(24), DurationParser.parse("24h"));
    }

    @Test
    void garbageIsRefusedWithExamples() {
        for (String bad : new String[] {"", "s", "-1s", "1.5s", "10 sec", "PT10S"}) {
            assertEquals("'" + bad + "' is not a duration (examples: 500ms, 10s, 2m, 24h)",
                    assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(bad)).getMessage());
        }
    }
}
