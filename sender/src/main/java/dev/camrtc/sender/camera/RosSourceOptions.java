package dev.camrtc.sender.camera;

import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.Reliability;
import dev.camrtc.dds.RosDistro;
import dev.camrtc.dds.RosNames;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the ROS 2 source ({@code --source ros:...}, package camera.ros); {@link #defaults()} holds every default (the
 * sender's {@code --ros-*} flags, its YAML config and --help show them).
 *
 * @param namespace   node namespace; relative topics (and the realsense-ros preset's) resolve against it
 *                    ({@code --ros-namespace})
 * @param nodeName    node name shown by {@code ros2 node list} ({@code --ros-node-name})
 * @param domainId    ROS 2 domain id; null = environment variable ROS_DOMAIN_ID, else 0 ({@code --ros-domain-id})
 * @param distro      layout of the node announcement ({@code --ros-distro})
 * @param reliability subscriber reliability; best effort (sensor data) matches every publisher ({@code --ros-reliability})
 * @param depth       subscriber KEEP_LAST depth; only the newest frame is ever used ({@code --ros-depth})
 * @param ddsConfig   extra Cyclone XML (fragment or file:// URI), after CYCLONEDDS_URI; null = none ({@code --ros-dds-config})
 * @param probe       how long start-up waits for each topic's first image and camera_info, to announce its size,
 *                    encoding and intrinsics ({@code --ros-probe}); a topic still silent is announced from its role
 * @param fps         the frame rate announced for every ROS stream (ROS topics do not declare one) ({@code --ros-fps})
 */
public record RosSourceOptions(String namespace, String nodeName, Integer domainId, RosDistro distro,
                               Reliability reliability, int depth, String ddsConfig, Duration probe, int fps) {

    public static final String DEFAULT_NAMESPACE = "/";
    public static final String DEFAULT_NODE_NAME = "camrtc_sender";
    public static final Reliability DEFAULT_RELIABILITY = QosOptions.sensorData().reliability();
    public static final int DEFAULT_DEPTH = QosOptions.sensorData().depth();
    public static final Duration DEFAULT_PROBE = Duration.ofSeconds(3);
    public static final int DEFAULT_FPS = 30;

    public RosSourceOptions {
        namespace = RosNames.checkNamespace(namespace);
        RosNames.checkNodeName(nodeName);
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(reliability, "reliability");
        Objects.requireNonNull(probe, "probe");
        new QosOptions(reliability, depth, Duration.ZERO); // checks the depth
        if (probe.isNegative() || probe.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("--ros-probe must be 0..60 s, got " + probe.toMillis() + " ms");
        }
        if (domainId != null && (domainId < 0 || domainId > dev.camrtc.dds.Defaults.MAX_DOMAIN_ID)) {
            throw new IllegalArgumentException("--ros-domain-id must be 0.." + dev.camrtc.dds.Defaults.MAX_DOMAIN_ID
                    + ", got " + domainId);
        }
        if (fps < 1 || fps > 1000) {
            throw new IllegalArgumentException("--ros-fps must be 1..1000, got " + fps);
        }
        ddsConfig = ddsConfig == null || ddsConfig.isBlank() ? null : ddsConfig;
    }

    /** Defaults, with the domain id and distribution of the environment (ROS_DOMAIN_ID, ROS_DISTRO) left to {@link #dds()}. */
    public static RosSourceOptions defaults() {
        return new RosSourceOptions(DEFAULT_NAMESPACE, DEFAULT_NODE_NAME, null,
                DdsOptions.fromEnvironment().distro(), DEFAULT_RELIABILITY, DEFAULT_DEPTH, null, DEFAULT_PROBE, DEFAULT_FPS);
    }

    /** How to join the graph: the environment's domain unless {@link #domainId} is set. */
    public DdsOptions dds() {
        DdsOptions d = DdsOptions.fromEnvironment().withNode(nodeName, namespace).withDistro(distro).withCycloneXml(ddsConfig);
        return domainId == null ? d : d.withDomainId(domainId);
    }

    /** The subscribers' QoS. */
    public QosOptions qos() {
        return new QosOptions(reliability, depth, Duration.ZERO);
    }

    public RosSourceOptions withDomainId(Integer id) {
        return new RosSourceOptions(namespace, nodeName, id, distro, reliability, depth, ddsConfig, probe, fps);
    }

    public RosSourceOptions withNamespace(String ns) {
        return new RosSourceOptions(ns, nodeName, domainId, distro, reliability, depth, ddsConfig, probe, fps);
    }

    public RosSourceOptions withDdsConfig(String xml) {
        return new RosSourceOptions(namespace, nodeName, domainId, distro, reliability, depth, xml, probe, fps);
    }

    public RosSourceOptions withProbe(Duration p) {
        return new RosSourceOptions(namespace, nodeName, domainId, distro, reliability, depth, ddsConfig, p, fps);
    }
}
