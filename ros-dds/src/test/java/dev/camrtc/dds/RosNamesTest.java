package dev.camrtc.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RosNamesTest {
    @Test
    void resolvesAbsoluteAndRelativeTopicsAgainstTheNamespace() {
        assertEquals("/realsense/color/image_raw", RosNames.resolveTopic("/cam2", "/realsense/color/image_raw"));
        assertEquals("/cam2/color/image_raw", RosNames.resolveTopic("/cam2", "color/image_raw"));
        assertEquals("/color/image_raw", RosNames.resolveTopic("/", "color/image_raw"));
        assertEquals("/a/b/t", RosNames.resolveTopic("a/b", "t"));
    }

    @Test
    void mapsToDdsNames() {
        assertEquals("rt/realsense/color/image_raw", RosNames.ddsTopic("/realsense/color/image_raw"));
        assertEquals("sensor_msgs::msg::dds_::Image_", RosNames.ddsType("sensor_msgs", "Image"));
    }

    @Test
    void rejectsInvalidNames() {
        for (String bad : new String[] {"", " ", "a//b", "/a/", "1abc", "a-b", "~/private", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> RosNames.resolveTopic("/", bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RosNames.checkNamespace("/cam 2"));
        assertThrows(IllegalArgumentException.class, () -> RosNames.checkNodeName("my-node"));
        assertThrows(IllegalArgumentException.class, () -> RosNames.checkNodeName(null));
        assertEquals("/", RosNames.checkNamespace(""));
        assertEquals("/", RosNames.checkNamespace(null));
    }
}
