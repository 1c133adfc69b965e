package dev.camrtc.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DdsOptionsTest {
    @Test
    void defaultsWithoutEnvironment() {
        DdsOptions o = DdsOptions.fromEnvironment(Map.of());
        assertEquals(Defaults.DOMAIN_ID, o.domainId());
        assertEquals(Defaults.NODE_NAME, o.nodeName());
        assertEquals(Defaults.NAMESPACE, o.namespace());
        assertEquals(Defaults.ROS_DISTRO, o.distro());
        assertNull(o.cycloneXml());
        assertNull(o.libraryPath());
    }

    @Test
    void honoursRosDomainIdAndRosDistro() {
        DdsOptions o = DdsOptions.fromEnvironment(Map.of("ROS_DOMAIN_ID", " 17 ", "ROS_DISTRO", "humble"));
        assertEquals(17, o.domainId());
        assertEquals(RosDistro.HUMBLE, o.distro());
        assertEquals(RosDistro.JAZZY, DdsOptions.fromEnvironment(Map.of("ROS_DISTRO", "kilted")).distro());
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DdsOptions.fromEnvironment(Map.of("ROS_DOMAIN_ID", "abc")));
        assertEquals("ROS_DOMAIN_ID must be a number 0..232, got 'abc'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DdsOptions.fromEnvironment(Map.of()).withDomainId(233));
        assertThrows(IllegalArgumentException.class, () -> DdsOptions.fromEnvironment(Map.of()).withDomainId(-1));
        assertThrows(IllegalArgumentException.class, () -> DdsOptions.fromEnvironment(Map.of()).withNode("a b", "/"));
    }

    @Test
    void withersKeepTheOtherFields() {
        DdsOptions o = DdsOptions.fromEnvironment(Map.of()).withNode("n", "cam2").withDomainId(5)
                .withCycloneXml("<CycloneDDS/>").withLibraryPath("/x/libddsc.so.0.10.2").withDistro(RosDistro.HUMBLE);
        assertEquals(new DdsOptions(5, "n", "/cam2", RosDistro.HUMBLE, "<CycloneDDS/>", "/x/libddsc.so.0.10.2"), o);
    }
}
