package dev.camrtc.dds;

import java.time.Duration;

/**
 * Every default of the ROS 2 layer (publishing and subscribing), in one place. docs/ros2-bridge.md explains each choice.
 */
public final class Defaults {
    private Defaults() {
    }

    /** ROS 2's domain id variable; Cyclone itself ignores it, so the bridge reads it. */
    public static final String DOMAIN_ID_ENV = "ROS_DOMAIN_ID";
    /** Domain used when {@value #DOMAIN_ID_ENV} is unset, as in ROS 2. */
    public static final int DOMAIN_ID = 0;
    /** Highest domain id RTPS's default port mapping allows (ROS 2 documents 0..101 on Linux, 232 at most). */
    public static final int MAX_DOMAIN_ID = 232;

    /** Name of the node shown by {@code ros2 node list}. */
    public static final String NODE_NAME = "camrtc_ros_receiver";
    /** Namespace of the node and of relative topic names. */
    public static final String NAMESPACE = "/";

    /** Variable naming the ROS 2 distribution of a sourced install; picks the ros_discovery_info layout. */
    public static final String ROS_DISTRO_ENV = "ROS_DISTRO";
    /** Layout used when {@value #ROS_DISTRO_ENV} is unset: Jazzy, the current LTS (Iron and later share it). */
    public static final RosDistro ROS_DISTRO = RosDistro.JAZZY;
    /** {@link #ROS_DISTRO} as a {@value #ROS_DISTRO_ENV} value (the receiver's {@code --ros-distro} default). */
    public static final String ROS_DISTRO_NAME = "jazzy";

    /** Cyclone's own configuration variable (file URIs and/or XML fragments); honoured when set. */
    public static final String CYCLONE_URI_ENV = "CYCLONEDDS_URI";
    /**
     * Cyclone settings every graph applies first (CYCLONEDDS_URI and the options' XML come after and win):
     * <ul>
     * <li>a writer may hold up to 64 MB of unacknowledged samples. Cyclone's default high watermark (500 kB,
     * less than one 640x480 bgr8 image) throttles a reliable writer as soon as one subscriber is slow to
     * acknowledge, which then delays or drops frames for every subscriber. KEEP_LAST still bounds what is
     * kept per writer to its depth;</li>
     * <li>the socket receive buffer grows up to 4 MB (as far as {@code net.core.rmem_max} allows; never an
     * error): with the OS default of ~208 kB a subscriber loses fragments of 900 kB images from a fast
     * publisher, and a best-effort sample missing a fragment is lost whole (measured: 15 of 45 Fast DDS
     * images arrived).</li>
     * </ul>
     */
    public static final String CYCLONE_TUNING_XML = "<CycloneDDS><Domain><Internal><Watermarks>"
            + "<WhcHigh>64MB</WhcHigh><WhcAdaptive>false</WhcAdaptive></Watermarks>"
            + "<SocketReceiveBufferSize min=\"default\" max=\"4MB\"/></Internal></Domain></CycloneDDS>";
    /** Variable with an explicit path of libddsc, tried before the sonames. */
    public static final String LIBRARY_ENV = "CAMRTC_DDSC_LIBRARY";
    /** Debian 12's package libddsc0debian. */
    public static final String DEBIAN_SONAME = "libddsc.so.0debian";
    /** ROS 2 installs, each {@code <root>/<distro>/}{@value #ROS_LIBRARY_SUBPATH} (ros-<distro>-cyclonedds). */
    public static final String ROS_INSTALL_ROOT = "/opt/ros";
    public static final String ROS_LIBRARY_SUBPATH = "lib/x86_64-linux-gnu/libddsc.so.0";
    /** Cyclone series whose descriptor layout and op codes the Java descriptors were checked against. */
    public static final String VERIFIED_CYCLONE_SERIES = "0.10.";

    /** Reliable: matches ROS 2 default (reliable) and sensor-data (best-effort) subscribers alike. */
    public static final Reliability RELIABILITY = Reliability.RELIABLE;
    /** KEEP_LAST depth of image writers (ROS 2's default profile depth). */
    public static final int HISTORY_DEPTH = 10;
    /**
     * Longest a reliable write may wait for a subscriber's acknowledgements before the frame is dropped:
     * under one frame period at 30 Hz, so a slow or stalled subscriber can never make the publisher lag.
     */
    public static final Duration MAX_BLOCKING_TIME = Duration.ofMillis(20);

    /** Subscribers (sensor-data profile): best effort, which matches reliable and best-effort publishers. */
    public static final Reliability SENSOR_DATA_RELIABILITY = Reliability.BEST_EFFORT;
    /** KEEP_LAST depth of subscribers: only the newest frame is ever wanted. */
    public static final int SENSOR_DATA_DEPTH = 1;
    /** Largest width or height a received image may claim (8K is 7680); larger ones are refused as malformed. */
    public static final int MAX_IMAGE_SIDE = 8192;
    /** Largest CompressedImage accepted (a 4K JPEG at top quality is a few MB). */
    public static final int MAX_COMPRESSED_BYTES = 32 << 20;
    /** Longest encoding / distortion model string a received sample may carry. */
    public static final int MAX_NAME_BYTES = 64;

    /** CompressedImage.format of JPEG frames (image_transport's compressed plugin writes "jpeg"). */
    public static final String JPEG_FORMAT = "jpeg";
}
