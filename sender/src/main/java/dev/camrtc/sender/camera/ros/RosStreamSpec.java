package dev.camrtc.sender.camera.ros;

import dev.camrtc.dds.RosNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ROS image topic as a sender stream: its stream name (its role: {@value #COLOR}, {@value #INFRARED},
 * {@value #INFRARED2}, {@value #DEPTH}; else the topic's last meaningful segment), the image topic and the
 * {@code camera_info} beside it (image_transport's convention: {@code .../color/image_raw} ->
 * {@code .../color/camera_info}, also for {@code .../color/image_raw/compressed}), whether it is lossless depth,
 * and whether it is a CompressedImage topic.
 *
 * @param imageTopic fully qualified; a {@code .../compressed} topic carries sensor_msgs/CompressedImage (JPEG)
 * @param infoTopic  fully qualified
 * @param compressed the topic is image_transport's {@code compressed} transport of an image topic
 */
public record RosStreamSpec(String name, String imageTopic, String infoTopic, boolean depth, boolean compressed) {
    public static final String COLOR = "color";
    public static final String INFRARED = "infrared";
    public static final String INFRARED2 = "infrared2";
    public static final String DEPTH = "depth_z16";

    /** The {@code ros:} target naming realsense-ros's usual topics (relative to the namespace). */
    public static final String REALSENSE_ROS = "realsense-ros";
    /** realsense-ros 4.x defaults (camera_namespace camera, camera_name camera): color, left infrared, depth. */
    public static final List<String> REALSENSE_ROS_TOPICS = List.of("camera/camera/color/image_raw",
            "camera/camera/infra1/image_rect_raw", "camera/camera/depth/image_rect_raw");

    /** image_transport's JPEG/PNG transport: {@code <image topic>/compressed}. */
    static final String COMPRESSED = "compressed";

    /** Last segments that name the image's processing, not the camera stream. */
    private static final Set<String> IMAGE_SEGMENTS = Set.of("image_raw", "image_rect_raw", "image_rect", "image",
            "image_color", "image_mono", "image_rect_color");

    /**
     * Parses the target of {@code --source ros:TARGET}: {@value #REALSENSE_ROS}, or topics separated by
     * commas (absolute, or relative to {@code namespace}). Stream names are made unique ({@code color_2}).
     */
    public static List<RosStreamSpec> parse(String target, String namespace) {
        String t = target == null ? "" : target.trim();
        List<String> topics = t.equals(REALSENSE_ROS) ? REALSENSE_ROS_TOPICS : List.of(t.split(",", -1));
        List<RosStreamSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : topics) {
            String topic = raw.trim();
            if (topic.isEmpty()) {
                throw new IllegalArgumentException("--source ros:" + target + " has an empty topic; give topics separated "
                        + "by commas, e.g. ros:/camera/camera/color/image_raw,/camera/camera/depth/image_rect_raw, or ros:"
                        + REALSENSE_ROS);
            }
            if (topic.endsWith("/compressedDepth")) {
                throw new IllegalArgumentException("--source ros: topic " + topic + " is image_transport's compressedDepth "
                        + "(PNG or RVL), which this sender does not read: give the raw depth topic (without /compressedDepth)");
            }
            String full = RosNames.resolveTopic(namespace, topic);
            boolean compressed = full.endsWith("/" + COMPRESSED);
            String base = compressed ? full.substring(0, full.length() - COMPRESSED.length() - 1) : full;
            if (base.isEmpty()) {
                throw new IllegalArgumentException("--source ros: topic " + topic + " names no image topic before /compressed");
            }
            String[] parts = base.substring(1).split("/");
            String role = role(parts);
            boolean depth = role.equals(DEPTH) && !compressed;
            if (compressed && role.equals(DEPTH)) {
                role = "depth"; // JPEG depth is a lossy picture: an ordinary video stream
            }
            String name = role;
            for (int i = 2; !names.add(name); i++) {
                name = role + "_" + i;
            }
            String parent = base.substring(0, base.lastIndexOf('/'));
            out.add(new RosStreamSpec(name, full, parent + "/camera_info", depth, compressed));
        }
        return List.copyOf(out);
    }

    /** The stream's role from the segment before the image segment (or the last one). */
    static String role(String[] parts) {
        String last = parts[parts.length - 1];
        String owner = IMAGE_SEGMENTS.contains(last) && parts.length > 1 ? parts[parts.length - 2] : last;
        String o = owner.toLowerCase(Locale.ROOT);
        if (o.equals("color") || o.equals("rgb")) {
            return COLOR;
        }
        if (o.equals("infra1") || o.equals("infra") || o.equals("infrared") || o.equals("ir")) {
            return INFRARED;
        }
        if (o.equals("infra2")) {
            return INFRARED2;
        }
        if (o.equals("depth") || o.equals("aligned_depth_to_color")) {
            return DEPTH;
        }
        return owner;
    }
}
