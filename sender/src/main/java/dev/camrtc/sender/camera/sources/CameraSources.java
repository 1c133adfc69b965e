package dev.camrtc.sender.camera.sources;

import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.SourceOptions;
import dev.camrtc.sender.camera.StreamProfile;
import dev.camrtc.sender.camera.javacv.GrabberSource;
import dev.camrtc.sender.camera.javacv.GrabberSpec;
import dev.camrtc.sender.camera.realsense.DeviceSelection;
import dev.camrtc.sender.camera.realsense.RealSenseContext;
import dev.camrtc.sender.camera.realsense.RealSenseException;
import dev.camrtc.sender.camera.realsense.RealSenseOptions;
import dev.camrtc.sender.camera.realsense.RealSenseSource;
import dev.camrtc.sender.camera.realsense.RealSenseStream;
import dev.camrtc.sender.camera.ros.RosSource;
import dev.camrtc.sender.camera.ros.RosStreamSpec;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the camera source named by a {@code --source} value:
 * {@code auto} | {@code testpattern} | {@code realsense} | {@code bag:FILE} | {@code v4l2:DEVICE} |
 * {@code file:PATH} | {@code mjpeg:URL} | {@code ros:TOPIC[,TOPIC...]} | {@code ros:realsense-ros}.
 */
public final class CameraSources {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSources.class);

    /** The default {@code --source}. */
    public static final String DEFAULT_SPEC = "auto";

    /** One line listing the valid forms (the error for a bad spec and the {@code --source} help). */
    public static final String VALID_FORMS = "auto (a RealSense when one is connected, else testpattern), testpattern,"
            + " realsense, bag:FILE.bag, v4l2:/dev/videoN, file:VIDEO, mjpeg:http://HOST:PORT/PATH,"
            + " ros:TOPIC[,TOPIC...] (ROS 2 sensor_msgs/Image topics), ros:" + RosStreamSpec.REALSENSE_ROS
            + " (realsense-ros's color, infra1 and depth topics)";

    private CameraSources() {
    }

    /**
     * Opens {@code spec} with {@code options}. A malformed spec is an IllegalArgumentException listing the valid
     * forms; a camera that is not there is a CameraUnavailableException saying what was looked for and how to fix it.
     */
    public static CameraSource open(String spec, SourceOptions options) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String target = colon < 0 ? "" : s.substring(colon + 1);
        switch (kind) {
            case "auto" -> {
                requireNoTarget(s, target);
                return auto(options);
            }
            case "testpattern" -> {
                requireNoTarget(s, target);
                return testPattern(options);
            }
            case "realsense" -> {
                requireNoTarget(s, target);
                return new RealSenseSource(realSense(new DeviceSelection.Camera(options.serial()), options));
            }
            case "bag" -> {
                return new RealSenseSource(realSense(new DeviceSelection.Recording(Path.of(requireTarget(s, target)),
                        options.bagRealTime()), options));
            }
            case "v4l2" -> {
                StreamProfile p = options.colorProfile();
                return grabber(new GrabberSpec(GrabberSpec.Kind.V4L2, requireTarget(s, target), p.width(), p.height(), p.fps()),
                        options);
            }
            case "file" -> {
                return grabber(new GrabberSpec(GrabberSpec.Kind.FILE, requireTarget(s, target), 0, 0, 0), options);
            }
            case "ros" -> {
                requireNoAlign("ROS 2 topics", options);
                return new RosSource(RosStreamSpec.parse(requireTarget(s, target), options.ros().namespace()), options.ros(),
                        options.alwaysOn(), options.reconnectMillis(), options.label());
            }
            case "mjpeg" -> {
                String url = requireTarget(s, target);
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    throw bad(s);
                }
                return grabber(new GrabberSpec(GrabberSpec.Kind.MJPEG, url, 0, 0, 0), options);
            }
            default -> throw bad(s);
        }
    }

    /** The RealSense options for {@code selection}: color and infrared, plus infrared2 and depth when enabled. */
    public static RealSenseOptions realSense(DeviceSelection selection, SourceOptions options) {
        Map<RealSenseStream, StreamProfile> streams = new EnumMap<>(RealSenseStream.class);
        streams.put(RealSenseStream.COLOR, options.colorProfile());
        streams.put(RealSenseStream.INFRARED, options.infraProfile());
        if (options.enableInfra2()) {
            streams.put(RealSenseStream.INFRARED2, options.infraProfile());
        }
        if (options.enableDepth()) {
            streams.put(RealSenseStream.DEPTH, options.depthProfile());
        }
        return new RealSenseOptions(selection, streams, options.alwaysOn(), options.depthNear(), options.depthFar(),
                options.reconnectMillis(), options.label(), options.alignDepth());
    }

    /** Help text describing every stream a source can offer (for {@code --help}). */
    public static String streamHelp() {
        StringBuilder b = new StringBuilder();
        for (RealSenseStream s : RealSenseStream.values()) {
            b.append(s.streamName()).append(": ").append(s.help()).append('\n');
        }
        b.append("webcam, file and MJPEG sources offer one stream, color (bgr8)\n");
        b.append("ROS topics: one stream each, named by role (color, infrared, infrared2, depth_z16) or the topic's last"
                + " segment; 16UC1 depth goes lossless on a data channel");
        return b.toString();
    }

    private static CameraSource auto(SourceOptions options) {
        boolean connected;
        try (RealSenseContext context = new RealSenseContext()) {
            connected = context.find(options.serial()).isPresent();
        } catch (RealSenseException e) {
            LOG.warn("[{}] cannot look for a RealSense ({}); using the test pattern", options.label(), e.getMessage());
            connected = false;
        }
        if (connected) {
            return new RealSenseSource(realSense(new DeviceSelection.Camera(options.serial()), options));
        }
        LOG.info("[{}] no RealSense connected{}; using the test pattern (--source realsense to require one)",
                options.label(), options.serial() == null ? "" : " with serial " + options.serial());
        return testPattern(options);
    }

    private static CameraSource testPattern(SourceOptions options) {
        requireNoAlign("the test pattern", options);
        StreamProfile p = options.colorProfile();
        TestPatternOptions t = TestPatternOptions.defaults(options.label());
        if (p.width() > 0 && p.height() > 0) {
            t = t.withSize(p.width(), p.height());
        }
        if (p.fps() > 0) {
            t = t.withFps(p.fps());
        }
        return new TestPatternSource(t.withDepth(options.enableDepth()));
    }

    private static CameraSource grabber(GrabberSpec spec, SourceOptions options) {
        requireNoAlign(spec.kind().name().toLowerCase(java.util.Locale.ROOT) + " sources", options);
        return new GrabberSource(spec, options.alwaysOn(), options.reconnectMillis(), options.label());
    }

    /** {@code --align-depth} needs librealsense's align block: RealSense and bag: sources only. */
    private static void requireNoAlign(String what, SourceOptions options) {
        if (options.alignDepth()) {
            throw new IllegalArgumentException("--align-depth works only with a RealSense (--source realsense, or auto"
                    + " with one connected) or a bag: recording; " + what + " cannot align depth: drop --align-depth");
        }
    }

    private static void requireNoTarget(String spec, String target) {
        if (!target.isEmpty() || spec.endsWith(":")) {
            throw bad(spec);
        }
    }

    private static String requireTarget(String spec, String target) {
        if (target.isBlank()) {
            throw bad(spec);
        }
        return target;
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("unknown camera source '" + spec + "'; valid forms: " + VALID_FORMS);
    }
}
