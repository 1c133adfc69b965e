package dev.camrtc.sender.camera.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RosStreamSpecTest {

    @Test
    void theRealsenseRosPresetNamesStreamsByRoleUnderTheNamespace() {
        List<RosStreamSpec> specs = RosStreamSpec.parse("realsense-ros", "/robot1");
        assertEquals(List.of(
                new RosStreamSpec("color", "/robot1/camera/camera/color/image_raw", "/robot1/camera/camera/color/camera_info", false, false),
                new RosStreamSpec("infrared", "/robot1/camera/camera/infra1/image_rect_raw",
                        "/robot1/camera/camera/infra1/camera_info", false, false),
                new RosStreamSpec("depth_z16", "/robot1/camera/camera/depth/image_rect_raw",
                        "/robot1/camera/camera/depth/camera_info", true, false)), specs);
    }

    @Test
    void otherTopicsAreNamedByTheirLastMeaningfulSegmentAndMadeUnique() {
        List<RosStreamSpec> specs = RosStreamSpec.parse("/a/color/image_raw, /b/color/image_raw,front_cam,"
                + "/x/aligned_depth_to_color/image_raw,/y/infra2/image_rect_raw,/z/thermal", "/ns");
        assertEquals(List.of("color", "color_2", "front_cam", "depth_z16", "infrared2", "thermal"),
                specs.stream().map(RosStreamSpec::name).toList());
        assertEquals("/ns/front_cam", specs.get(2).imageTopic());
        assertEquals("/ns/camera_info", specs.get(2).infoTopic());
        assertEquals("/z/camera_info", specs.get(5).infoTopic());
    }

    @Test
    void compressedTopicsAreJpegStreamsWithTheCameraInfoOfTheirImageTopic() {
        List<RosStreamSpec> specs = RosStreamSpec.parse("/cam/color/image_raw/compressed,/cam/depth/image_rect_raw/compressed", "/");
        assertEquals(new RosStreamSpec("color", "/cam/color/image_raw/compressed", "/cam/color/camera_info", false, true),
                specs.get(0));
        assertEquals(new RosStreamSpec("depth", "/cam/depth/image_rect_raw/compressed", "/cam/depth/camera_info", false, true),
                specs.get(1), "JPEG depth is a lossy picture, not depth_z16");
    }

    @Test
    void badTargetsAreRefusedWithTheFix() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> RosStreamSpec.parse("/a,,/b", "/"));
        assertTrue(empty.getMessage().contains("empty topic"), empty.getMessage());
        IllegalArgumentException compressed = assertThrows(IllegalArgumentException.class,
                () -> RosStreamSpec.parse("/cam/depth/image_rect_raw/compressedDepth", "/"));
        assertTrue(compressed.getMessage().contains("raw depth topic"), compressed.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RosStreamSpec.parse("/9cam/x", "/"));
        assertTrue(bad.getMessage().contains("not a ROS 2 name"), bad.getMessage());
    }
}
