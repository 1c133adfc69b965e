package dev.camrtc.sender.camera.testpattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPatternControlsTest {

    private final TestPatternControls controls = new TestPatternControls();

    @Test
    void listsBrightnessAndPatternWithRangesDefaultsAndValues() throws Exception {
        controls.set("brightness", 12);
        List<ControlInfo> list = controls.list();
        assertEquals(List.of(
                new ControlInfo("brightness", -64, 64, 1, 0, 12),
                new ControlInfo("pattern", 0, 2, 1, 0, 0)), list);
        assertFalse(list.get(0).isBoolean());
    }

    @Test
    void setReturnsTheValueInEffectRoundedToTheStep() throws Exception {
        assertEquals(-7, controls.set("brightness", -7L));
        assertEquals(3, controls.set("brightness", 2.6));
        assertEquals(3, controls.get("brightness"));
        assertEquals(3, controls.brightness());
        assertEquals(2, controls.set("pattern", 2));
        assertEquals(Pattern.CHECKER, controls.pattern());
    }

    @Test
    void unknownNameIsRefusedNamingTheControl() {
        ControlException e = assertThrows(ControlException.class, () -> controls.set("exposure", 8500));
        assertEquals("exposure", e.control());
        assertTrue(e.getMessage().contains("exposure") && e.getMessage().contains("brightness"), e.getMessage());
        assertEquals("zoom", assertThrows(ControlException.class, () -> controls.get("zoom")).control());
    }

    @Test
    void outOfRangeOrWrongTypeChangesNothing() throws Exception {
        controls.set("brightness", 5);
        controls.set("pattern", 1);
        for (Object bad : new Object[] {65, -65, 1e9, Double.NaN, Double.POSITIVE_INFINITY, true, "10", null}) {
            ControlException e = assertThrows(ControlException.class, () -> controls.set("brightness", bad));
            assertEquals("brightness", e.control());
            assertTrue(e.getMessage().contains("-64..64"), e.getMessage());
        }
        for (Object bad : new Object[] {3, -1, false}) {
            assertEquals("pattern", assertThrows(ControlException.class, () -> controls.set("pattern", bad)).control());
        }
        assertEquals(5, controls.get("brightness"));
        assertEquals(1, controls.get("pattern"));
    }
}
