package dev.camrtc.ros.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.camrtc.ros.output.StreamTopics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    @Test
    void demoLayoutIsTheOriginalRos2Demo() {
        TopicLayout demo = new TopicLayout(TopicLayout.Scheme.DEMO);
        assertEquals(new StreamTopics("realsense/color/image_raw", "realsense/color/camera_info",
                "realsense/color/image_raw/compressed", "realsense_color_optical_frame"), demo.topics("color"));
        assertEquals(new StreamTopics("realsense/stereo/image_raw", "realsense/stereo/camera_info",
                "realsense/stereo/image_raw/compressed", "realsense_infra1_optical_frame"), demo.topics("infrared"));
        assertEquals("realsense/depth/image_raw", demo.topics("depth").image());
        assertEquals("realsense_depth_optical_frame", demo.topics("depth").frameId());
    }

    @Test
    void realsenseRosLayoutUsesTheRealsense2CameraNames() {
        TopicLayout rs = new TopicLayout(TopicLayout.Scheme.parse("realsense-ros"));
        assertEquals(new StreamTopics("camera/camera/color/image_raw", "camera/camera/color/camera_info",
                "camera/camera/color/image_raw/compressed", "camera_color_optical_frame"), rs.topics("color"));
        assertEquals(new StreamTopics("camera/camera/infra1/image_rect_raw", "camera/camera/infra1/camera_info",
                "camera/camera/infra1/image_rect_raw/compressed", "camera_infra1_optical_frame"), rs.topics("infrared"));
        assertEquals("camera/camera/depth/image_rect_raw", rs.topics("depth").image());
    }

    @Test
    void overridesReplaceTopicOrFrameIdAndCameraInfoFollowsTheImageTopic() {
        TopicLayout l = new TopicLayout(TopicLayout.Scheme.DEMO, Map.of(
                "color", new TopicLayout.Override("/robot/front/rgb", null),
                "infrared", new TopicLayout.Override(null, "ir_frame")));
        assertEquals(new StreamTopics("/robot/front/rgb", "/robot/front/camera_info", "/robot/front/rgb/compressed",
                "realsense_color_optical_frame"), l.topics("color"));
        assertEquals("realsense/stereo/image_raw", l.topics("infrared").image());
        assertEquals("ir_frame", l.topics("infrared").frameId());
    }

    @Test
    void streamNamesBecomeRosTokensAndUnknownLayoutsAreRefused() {
        TopicLayout demo = new TopicLayout(TopicLayout.Scheme.DEMO);
        assertEquals("realsense/ir_2/image_raw", demo.topics("ir-2").image());
        assertEquals("realsense/s_2nd/image_raw", demo.topics("2nd").image());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicLayout.Scheme.parse("ros1"));
        assertEquals("unknown topic layout 'ros1' (use demo or realsense-ros)", e.getMessage());
    }
}
