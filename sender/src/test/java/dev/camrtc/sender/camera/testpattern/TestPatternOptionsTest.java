package dev.camrtc.sender.camera.testpattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestPatternOptionsTest {

    @Test
    void defaultsAre640x480At30() {
        TestPatternOptions o = TestPatternOptions.defaults("lab-1");
        assertEquals(new TestPatternOptions("lab-1", 640, 480, 30), o);
        assertEquals(TestPatternOptions.DEFAULT_SENDER_NAME, TestPatternOptions.defaults().senderName());
        assertEquals(new TestPatternOptions("lab-1", 320, 240, 15), o.withSize(320, 240).withFps(15));
    }

    @Test
    void badValuesAreRefusedWithTheirRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TestPatternOptions("x", 100, 480, 30));
        assertTrue(e.getMessage().contains("100x480"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TestPatternOptions("x", 640, 480, 0));
        assertTrue(e.getMessage().contains("1..120 fps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TestPatternOptions("", 640, 480, 30));
        assertThrows(IllegalArgumentException.class, () -> new TestPatternOptions("caf\u00e9", 640, 480, 30));
        assertThrows(IllegalArgumentException.class, () -> new TestPatternOptions("x", 640, 4000, 30));
    }
}
