package dev.camrtc.sender.cli;

import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.sender.camera.sources.CameraSources;
import dev.camrtc.sender.camera.RosSourceOptions;
import dev.camrtc.sender.camera.SourceOptions;
import dev.camrtc.sender.http.HttpConfig;
import dev.camrtc.sender.sfu.SfuSettings;
import dev.camrtc.sender.webrtc.SessionLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sender's command line. A flag's default comes from the feature it sets ({@code SourceOptions},
 * {@code CameraSources}, {@code HttpConfig}, {@code SessionLimits}, media's {@code PeerSettings}); only the
 * defaults that belong to the command line itself (server URL, MJPEG port and address, depth codec name) are
 * here. {@code --help} prints them all; {@link SenderConfig#from(SenderOptions)} validates every flag before
 * anything starts.
 */
@Command(name = "sender", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = SenderOptions.Version.class,
        description = {
            "Streams a camera to the receivers of a camrtc signaling server over WebRTC "
                    + "(one offer per receiver) and serves the legacy MJPEG URLs.",
            ""})
public final class SenderOptions {

    public static final String DEFAULT_SERVER = "ws://127.0.0.1:8080";
    public static final String DEFAULT_CODEC = PeerSettings.DEFAULT_CODEC.name();
    public static final int DEFAULT_MAX_BITRATE_KBPS = PeerSettings.DEFAULT_MAX_BITRATE_BPS / 1000;
    public static final int DEFAULT_MIN_BITRATE_KBPS = PeerSettings.DEFAULT_MIN_BITRATE_BPS / 1000;
    public static final int DEFAULT_MJPEG_PORT = 8000;
    public static final String DEFAULT_DEPTH_CODEC = "rvl";
    public static final String DEFAULT_MJPEG_BIND = "0.0.0.0";

    @Option(names = "--server", paramLabel = "URL",
            description = "Signaling server, ws:// or wss:// (the path /ws/sender is added when absent).")
    String server = DEFAULT_SERVER;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Display name (1..64 of A-Z a-z 0-9 - _ .); default: the server names it sender-<id>.")
    String name;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:CAMRTC_TOKEN}",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Access token of the signaling server and of the MJPEG URLs "
                    + "(default: environment variable CAMRTC_TOKEN; none when unset).")
    String token;

    @Option(names = "--source", paramLabel = "SPEC",
            description = "Camera: " + CameraSources.VALID_FORMS + ".")
    String source = CameraSources.DEFAULT_SPEC;

    @Option(names = "--serial", paramLabel = "SERIAL",
            description = "RealSense serial number to open (default: the first one connected).")
    String serial;

    @Option(names = "--color-profile", paramLabel = "WxHxFPS",
            description = "Color stream size and rate (also the test pattern's and a webcam's).")
    String colorProfile = SourceOptions.DEFAULT_PROFILE;

    @Option(names = "--infra-profile", paramLabel = "WxHxFPS", description = "RealSense infrared stream size and rate.")
    String infraProfile = SourceOptions.DEFAULT_PROFILE;

    @Option(names = "--depth-profile", paramLabel = "WxHxFPS", description = "RealSense depth stream size and rate.")
    String depthProfile = SourceOptions.DEFAULT_PROFILE;

    @Option(names = "--enable-infra2", description = "Also stream the RealSense's right infrared imager (infrared2).")
    boolean enableInfra2;

    @Option(names = "--enable-depth", description = "Also stream depth: depth_z16, lossless 16-bit on a WebRTC data "
            + "channel (PROTOCOL.md 8), and with a RealSense depth, a colorized bgr8 view for viewers. The test "
            + "pattern draws the PROTOCOL.md 8 depth pattern.")
    boolean enableDepth;

    @Option(names = "--align-depth", description = "Align depth to the color image with librealsense's align block "
            + "(RealSense and bag: sources, needs --enable-depth): depth_z16 and depth then have the color stream's "
            + "size and intrinsics, and the ROS receiver publishes it as aligned_depth_to_color.")
    boolean alignDepth;

    @Option(names = "--depth-codec", paramLabel = "raw|rvl", description = "Encoding of depth_z16 frames on the data "
            + "channel: rvl (lossless compression) or raw (uncompressed 16-bit).")
    String depthCodec = DEFAULT_DEPTH_CODEC;

    @Option(names = "--always-on", description = "Keep the camera capturing while nobody watches.")
    boolean alwaysOn;

    @Option(names = "--depth-near", paramLabel = "MM", description = "Depth shown dark blue in the colorized view.")
    int depthNear = SourceOptions.DEFAULT_DEPTH_NEAR;

    @Option(names = "--depth-far", paramLabel = "MM", description = "Depth shown dark red in the colorized view.")
    int depthFar = SourceOptions.DEFAULT_DEPTH_FAR;

    @Option(names = "--ros-namespace", paramLabel = "NS", description = "ROS 2 source (--source ros:...): node "
            + "namespace; relative topics and the realsense-ros preset's resolve against it (e.g. /robot1 reads "
            + "/robot1/camera/camera/color/image_raw).")
    String rosNamespace = RosSourceOptions.DEFAULT_NAMESPACE;

    @Option(names = "--ros-node-name", paramLabel = "NAME", description = "ROS 2 source: node name shown by ros2 node list.")
    String rosNodeName = RosSourceOptions.DEFAULT_NODE_NAME;

    @Option(names = "--ros-domain-id", paramLabel = "ID",
            description = "ROS 2 source: domain id (default: environment variable ROS_DOMAIN_ID, else 0).")
    Integer rosDomainId;

    @Option(names = "--ros-distro", paramLabel = "DISTRO", defaultValue = "${env:ROS_DISTRO:-jazzy}",
            description = "ROS 2 source: layout of the ros_discovery_info node announcement: humble, or jazzy for "
                    + "Iron and later (default: environment variable ROS_DISTRO, else jazzy).")
    String rosDistro;

    @Option(names = "--ros-reliability", paramLabel = "QOS", description = "ROS 2 source: subscriber reliability; "
            + "best_effort (sensor data) matches reliable and best-effort publishers, reliable only reliable ones.")
    String rosReliability = RosSourceOptions.DEFAULT_RELIABILITY.name().toLowerCase(java.util.Locale.ROOT);

    @Option(names = "--ros-depth", paramLabel = "N", description = "ROS 2 source: subscriber KEEP_LAST depth, 1..1000 "
            + "(only the newest frame is streamed).")
    int rosDepth = RosSourceOptions.DEFAULT_DEPTH;

    @Option(names = "--ros-dds-config", paramLabel = "XML", description = "ROS 2 source: extra Cyclone DDS "
            + "configuration (XML fragment or file:// URI), applied after CYCLONEDDS_URI. Default: none.")
    String rosDdsConfig;

    @Option(names = "--ros-probe", paramLabel = "MS", description = "ROS 2 source: how long start-up waits for each "
            + "topic's first image and camera_info, whose size, encoding and intrinsics are announced.")
    int rosProbeMillis = (int) RosSourceOptions.DEFAULT_PROBE.toMillis();

    @Option(names = "--ros-fps", paramLabel = "FPS", description = "ROS 2 source: frame rate announced for its "
            + "streams (ROS topics do not declare one).")
    int rosFps = RosSourceOptions.DEFAULT_FPS;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Video codec put first in every offer: VP8, VP9, H264 or AV1 (H264 is offered as constrained "
                    + "baseline, which every browser decodes; a receiver without it answers with the next, VP8).")
    String codec = DEFAULT_CODEC;

    @Option(names = "--max-bitrate", paramLabel = "KBPS",
            description = "Highest bitrate per stream and receiver, kbit/s.")
    int maxBitrateKbps = DEFAULT_MAX_BITRATE_KBPS;

    @Option(names = "--min-bitrate", paramLabel = "KBPS",
            description = "Lowest bitrate per stream and receiver, kbit/s; keeps full frame rate for receivers "
                    + "that only send REMB (aiortc). 0 lets the congestion controller go down freely.")
    int minBitrateKbps = DEFAULT_MIN_BITRATE_KBPS;

    @Option(names = "--trickle", description = "Send ICE candidates as they are found (candidate messages) "
            + "instead of waiting for gathering to complete and putting them all in the offer.")
    boolean trickle;

    @Option(names = "--max-sessions", paramLabel = "N",
            description = "Most WebRTC sessions at once (each encodes its streams on its own); one more "
                    + "request_offer is answered with hangup reason busy.")
    int maxSessions = SessionLimits.DEFAULT_MAX_SESSIONS;

    @Option(names = "--answer-timeout", paramLabel = "SECONDS",
            description = "An offer not answered within this time is abandoned (hangup reason answer_timeout).")
    int answerTimeoutSeconds = (int) SessionLimits.DEFAULT_ANSWER_TIMEOUT.toSeconds();

    @Option(names = "--sfu", paramLabel = "janus:URL",
            description = "Serve receivers through this Janus (VideoRoom plugin, HTTP API), e.g. "
                    + "janus:http://127.0.0.1:8088/janus: the sender publishes each video stream once and Janus fans "
                    + "it out. Receivers asking for depth on a data channel stay peer-to-peer. Janus unreachable: "
                    + "peer-to-peer until it is back. Default: none (every receiver peer-to-peer).")
    String sfu;

    @Option(names = "--sfu-after", paramLabel = "N",
            description = "With --sfu: the first N receivers (lowest latency) stay peer-to-peer, the rest go through "
                    + "the SFU.")
    int sfuAfter = SfuSettings.DEFAULT_AFTER;

    @Option(names = "--mjpeg-port", paramLabel = "PORT", description = "Port of the MJPEG HTTP server; 0 disables it.")
    int mjpegPort = DEFAULT_MJPEG_PORT;

    @Option(names = "--mjpeg-bind", paramLabel = "ADDRESS", description = "Address the MJPEG server listens on.")
    String mjpegBind = DEFAULT_MJPEG_BIND;

    @Option(names = "--jpeg-quality", paramLabel = "1..100", description = "JPEG quality of the MJPEG streams.")
    int jpegQuality = HttpConfig.DEFAULT_QUALITY;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "PEM certificate chain; with --tls-key the HTTP port (MJPEG, /set, /metrics, /healthz) speaks "
                    + "https only and the announced mjpeg_url starts with https. Default: none (plain http).")
    java.nio.file.Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "PEM private key for --tls-cert. Default: none.")
    java.nio.file.Path tlsKey;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "Origin (scheme://host[:port]) whose web pages may use this sender from another origin: "
                    + "WHEP players (CORS) and /set; repeatable, * = any. Default: the sender's own origin only.")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = {"--mjpeg-url", "--public-url"}, paramLabel = "URL",
            description = "MJPEG address announced to receivers (mjpeg_url); default: http://<mjpeg-bind>:<mjpeg-port>/ "
                    + "(https with --tls-cert), "
                    + "or the first non-loopback address of this host when --mjpeg-bind is 0.0.0.0.")
    String mjpegUrl;

    /** Picocli's {@code --version}: the jar's implementation version when packaged. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SenderOptions.class.getPackage().getImplementationVersion();
            return new String[] {"camrtc sender " + (v == null ? "(development build)" : v)};
        }
    }
}
