package dev.camrtc.ros.output;

/**
 * Where one stream goes in ROS 2. Topics are ROS names, absolute or relative to the node namespace.
 *
 * @param image      sensor_msgs/Image topic, e.g. {@code realsense/color/image_raw}
 * @param cameraInfo sensor_msgs/CameraInfo topic, the image topic's sibling {@code camera_info}
 * @param compressed sensor_msgs/CompressedImage topic, {@code <image>/compressed} (image_transport's name)
 * @param frameId    header.frame_id, e.g. {@code realsense_color_optical_frame}
 */
public record StreamTopics(String image, String cameraInfo, String compressed, String frameId) {

    /** Topics of an image topic: camera_info beside it, compressed below it (image_transport convention). */
    public static StreamTopics of(String imageTopic, String frameId) {
        if (imageTopic == null || imageTopic.isBlank()) {
            throw new IllegalArgumentException("image topic is empty");
        }
        if (frameId == null || frameId.isBlank()) {
            throw new IllegalArgumentException("frame id of " + imageTopic + " is empty");
        }
        int slash = imageTopic.lastIndexOf('/');
        String info = slash < 0 ? "camera_info" : imageTopic.substring(0, slash + 1) + "camera_info";
        return new StreamTopics(imageTopic, info, imageTopic + "/compressed", frameId);
    }
}
