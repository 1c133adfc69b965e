package dev.camrtc.ros.publish;

import dev.camrtc.ros.output.StreamTopics;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Names the topics and frame ids of each stream. Two layouts:
 * <ul>
 *   <li>{@code demo} (the original ROS 2 demo): color on {@code realsense/color/image_raw}
 *       ({@code realsense_color_optical_frame}), infrared on {@code realsense/stereo/image_raw}
 *       ({@code realsense_infra1_optical_frame}), any other stream {@code realsense/<stream>/image_raw};</li>
 *   <li>{@code realsense-ros} (the realsense2_camera node's default names): {@code camera/camera/color/image_raw}
 *       ({@code camera_color_optical_frame}), {@code camera/camera/infra1/image_rect_raw}
 *       ({@code camera_infra1_optical_frame}), {@code camera/camera/depth/image_rect_raw}
 *       ({@code camera_depth_optical_frame}), others {@code camera/camera/<stream>/image_raw}.</li>
 * </ul>
 * Topics are relative, so they land under the node namespace ({@code /cam2/realsense/color/image_raw});
 * with the default namespace {@code /} they are {@code /realsense/color/image_raw}. Per-stream overrides
 * (absolute or relative topic, frame id) replace the layout's choice.
 */
public final class TopicLayout {
    public static final String COLOR = "color";
    public static final String INFRARED = "infrared";
    /** The layout used unless another is chosen: the original demo's names. */
    public static final Scheme DEFAULT_SCHEME = Scheme.DEMO;

    /** The two naming schemes. */
    public enum Scheme {
        DEMO("demo"),
        REALSENSE_ROS("realsense-ros");

        private final String flag;

        Scheme(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }

        public static Scheme parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Scheme s : values()) {
                if (s.flag.equals(t)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown topic layout '" + text + "' (use demo or realsense-ros)");
        }
    }

    /** A per-stream override; null fields keep the layout's value. */
    public record Override(String imageTopic, String frameId) {
    }

    private final Scheme scheme;
    private final Map<String, Override> overrides;

    public TopicLayout(Scheme scheme, Map<String, Override> overrides) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.overrides = Map.copyOf(overrides);
    }

    public TopicLayout(Scheme scheme) {
        this(scheme, Map.of());
    }

    public Scheme scheme() {
        return scheme;
    }

    /** Topics and frame id of {@code stream} (a stream name as the sender announces it). */
    public StreamTopics topics(String stream) {
        Objects.requireNonNull(stream, "stream");
        StreamTopics base = scheme == Scheme.DEMO ? demo(stream) : realsenseRos(stream);
        Override o = overrides.get(stream);
        if (o == null) {
            return base;
        }
        return StreamTopics.of(o.imageTopic() != null ? o.imageTopic() : base.image(),
                o.frameId() != null ? o.frameId() : base.frameId());
    }

    /**
     * Topics and frame id of a lossless {@code 16UC1} depth stream (PROTOCOL.md 8), whatever its name:
     * {@code demo}: {@code realsense/depth/image_raw} ({@code realsense_depth_optical_frame});
     * {@code realsense-ros}: {@code camera/camera/depth/image_rect_raw} ({@code camera_depth_optical_frame}),
     * or, aligned to the color image, {@code camera/camera/aligned_depth_to_color/image_raw}
     * ({@code camera_color_optical_frame}, as realsense2_camera does). A per-stream override applies.
     */
    public StreamTopics depthTopics(String stream, boolean alignedToColor) {
        Objects.requireNonNull(stream, "stream");
        StreamTopics base;
        if (scheme == Scheme.DEMO) {
            base = alignedToColor
                    ? StreamTopics.of("realsense/aligned_depth_to_color/image_raw", "realsense_color_optical_frame")
                    : StreamTopics.of("realsense/depth/image_raw", "realsense_depth_optical_frame");
        } else {
            base = alignedToColor
                    ? StreamTopics.of("camera/camera/aligned_depth_to_color/image_raw", "camera_color_optical_frame")
                    : StreamTopics.of("camera/camera/depth/image_rect_raw", "camera_depth_optical_frame");
        }
        Override o = overrides.get(stream);
        if (o == null) {
            return base;
        }
        return StreamTopics.of(o.imageTopic() != null ? o.imageTopic() : base.image(),
                o.frameId() != null ? o.frameId() : base.frameId());
    }

    private static StreamTopics demo(String stream) {
        return switch (stream) {
            case COLOR -> StreamTopics.of("realsense/color/image_raw", "realsense_color_optical_frame");
            case INFRARED -> StreamTopics.of("realsense/stereo/image_raw", "realsense_infra1_optical_frame");
            default -> StreamTopics.of("realsense/" + token(stream) + "/image_raw",
                    "realsense_" + token(stream) + "_optical_frame");
        };
    }

    private static StreamTopics realsenseRos(String stream) {
        return switch (stream) {
            case COLOR -> StreamTopics.of("camera/camera/color/image_raw", "camera_color_optical_frame");
            case INFRARED -> StreamTopics.of("camera/camera/infra1/image_rect_raw", "camera_infra1_optical_frame");
            case "depth" -> StreamTopics.of("camera/camera/depth/image_rect_raw", "camera_depth_optical_frame");
            default -> StreamTopics.of("camera/camera/" + token(stream) + "/image_raw",
                    "camera_" + token(stream) + "_optical_frame");
        };
    }

    /** A stream name made a ROS name token (letters, digits, _; not starting with a digit). */
    static String token(String stream) {
        String t = stream.replaceAll("[^A-Za-z0-9_]", "_");
        return t.isEmpty() || Character.isDigit(t.charAt(0)) ? "s_" + t : t;
    }
}
