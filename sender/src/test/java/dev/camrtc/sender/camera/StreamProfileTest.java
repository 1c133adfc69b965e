package dev.camrtc.sender.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StreamProfileTest {
    @Test
    void parsesRealsenseRosForm() {
        assertEquals(new StreamProfile(640, 480, 30), StreamProfile.parse("640x480x30"));
        assertEquals(new StreamProfile(0, 0, 0), StreamProfile.parse(" 0x0x0 "));
        assertEquals("1280x720x15", StreamProfile.parse("1280x720x15").toString());
    }

    @Test
    void rejectsOtherFormsWithTheExpectedOne() {
        for (String bad : new String[] {"640x480", "640*480*30", "", "axbxc", "640x480x30x1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamProfile.parse(bad));
            assertEquals("bad stream profile '" + bad + "': expected WIDTHxHEIGHTxFPS, e.g. 640x480x30", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StreamProfile.parse(null));
    }
}
