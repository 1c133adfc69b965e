package dev.camrtc.ros.cli;

import dev.camrtc.dds.Defaults;
import dev.camrtc.ros.metrics.MetricsSettings;
import dev.camrtc.ros.publish.CompressedImageOutput;
import dev.camrtc.ros.publish.TopicLayout;
import dev.camrtc.ros.session.ReceiverSession;
import dev.camrtc.ros.session.SessionTimings;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ROS receiver's command line. Every default is read from the feature that owns it ({@link ReceiverSession},
 * {@link TopicLayout}, {@link CompressedImageOutput}, the DDS layer's {@link Defaults}) and printed by
 * {@code --help}; {@link ReceiverCommandLine#from} validates every flag before anything starts.
 */
@Command(name = "ros-receiver", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Joins a camrtc signaling server as a receiver, receives one sender's streams over WebRTC and "
                    + "publishes them as ROS 2 sensor_msgs/Image (plus camera_info when the sender announced "
                    + "intrinsics, and <image>/compressed JPEG with --compressed) with Cyclone DDS. ROS_DOMAIN_ID "
                    + "and CYCLONEDDS_URI are honoured.",
            ""})
public final class ReceiverOptions {

    @Option(names = "--server", paramLabel = "URL", description = "Signaling server, ws:// or wss://.")
    String server = ReceiverSession.DEFAULT_SERVER;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:CAMRTC_TOKEN}",
            description = "Access token of the signaling server and the MJPEG URLs "
                    + "(default: environment variable CAMRTC_TOKEN; none when unset).")
    String token;

    @Option(names = "--sender-id", paramLabel = "ID", description = "Receive the sender with this id (e.g. s-3f9a1c).")
    String senderId;

    @Option(names = "--sender-name", paramLabel = "NAME",
            description = "Receive the sender with this name; waits for it and follows it when it comes back. "
                    + "Without --sender-id and --sender-name: the only sender online (several: list and exit).")
    String senderName;

    @Option(names = "--topics", paramLabel = "LAYOUT",
            description = "Topic naming: demo (/realsense/color/image_raw, /realsense/stereo/image_raw) or "
                    + "realsense-ros (/camera/camera/color/image_raw, /camera/camera/infra1/image_rect_raw).")
    String topics = TopicLayout.DEFAULT_SCHEME.flag();

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Node namespace; the layout's topics are relative to it (e.g. /cam2).")
    String namespace = Defaults.NAMESPACE;

    @Option(names = "--node-name", paramLabel = "NAME", description = "Node name shown by ros2 node list.")
    String nodeName = Defaults.NODE_NAME;

    @Option(names = "--color-topic", paramLabel = "TOPIC", description = "Overrides the layout's color image topic.")
    String colorTopic;

    @Option(names = "--infrared-topic", paramLabel = "TOPIC",
            description = "Overrides the layout's infrared image topic.")
    String infraredTopic;

    @Option(names = "--color-frame-id", paramLabel = "FRAME", description = "Overrides the layout's color frame id.")
    String colorFrameId;

    @Option(names = "--infrared-frame-id", paramLabel = "FRAME",
            description = "Overrides the layout's infrared frame id.")
    String infraredFrameId;

    @Option(names = "--reliability", paramLabel = "QOS",
            description = "reliable (matches every subscriber) or best_effort (matches only best-effort ones).")
    String reliability = Defaults.RELIABILITY.name().toLowerCase(Locale.ROOT);

    @Option(names = "--depth", paramLabel = "N", description = "QoS KEEP_LAST history depth, 1..1000.")
    int depth = Defaults.HISTORY_DEPTH;

    @Option(names = "--compressed",
            description = "Also publish each stream as sensor_msgs/CompressedImage (format jpeg) on "
                    + "<image topic>/compressed (e.g. /realsense/color/image_raw/compressed); frames are encoded "
                    + "only while that topic has subscribers.")
    boolean compressed;

    @Option(names = "--jpeg-quality", paramLabel = "Q", description = "JPEG quality of the compressed topics, 1..100.")
    int jpegQuality = CompressedImageOutput.DEFAULT_QUALITY;

    @Option(names = "--mjpeg-fallback",
            description = "When WebRTC cannot connect, read the sender's announced MJPEG URL instead "
                    + "(same topics); WebRTC is retried every " + SessionTimings.WEBRTC_RETRY_ON_FALLBACK_SECONDS + " s.")
    boolean mjpegFallback;

    @Option(names = "--mjpeg-token-any-host",
            description = "Send the access token to the sender's MJPEG URL also when it is on another host than "
                    + "the signaling server (by default it goes to the signaling server's host only).")
    boolean mjpegTokenAnyHost;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus /metrics and /healthz on this TCP port; 0: off (each receiver needs "
                    + "its own port).")
    int metricsPort = MetricsSettings.OFF;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS",
            description = "Address of the metrics port; loopback keeps it on this machine (0.0.0.0: every interface).")
    String metricsHost = MetricsSettings.DEFAULT_HOST;

    @Option(names = "--ros-distro", paramLabel = "DISTRO", defaultValue = "${env:ROS_DISTRO:-" + Defaults.ROS_DISTRO_NAME + "}",
            description = "Layout of the ros_discovery_info node announcement: humble, or jazzy for Iron and later "
                    + "(default: environment variable ROS_DISTRO, else jazzy).")
    String rosDistro;

    @Option(names = "--domain-id", paramLabel = "ID",
            description = "ROS 2 domain id (default: environment variable ROS_DOMAIN_ID, else 0).")
    Integer domainId;

    @Option(names = "--dds-config", paramLabel = "XML",
            description = "Extra Cyclone DDS configuration (XML fragment or file:// URI), applied after CYCLONEDDS_URI.")
    String ddsConfig;
}
