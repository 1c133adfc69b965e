package dev.camrtc.dds;

import java.util.Locale;

/**
 * Which {@code rmw_dds_common/msg/Gid} layout the node announcement on {@code ros_discovery_info} uses.
 * Humble's Gid.msg is {@code char[24] data}; Iron changed it to {@code char[16] data} (Jazzy, Kilted and
 * Rolling keep it). The two serialize differently, so a graph must use the layout of the ROS machines
 * that should see the node in {@code ros2 node list}. Topics themselves work with either.
 */
public enum RosDistro {
    HUMBLE(24),
    JAZZY(16);

    private final int gidSize;

    RosDistro(int gidSize) {
        this.gidSize = gidSize;
    }

    /** Bytes of {@code rmw_dds_common::msg::dds_::Gid_::data}. */
    public int gidSize() {
        return gidSize;
    }

    /**
     * Maps a {@code ROS_DISTRO} value: {@code humble} (and the older foxy/galactic) to {@link #HUMBLE}, every
     * later distribution ({@code iron}, {@code jazzy}, {@code kilted}, {@code rolling}, ...) to {@link #JAZZY}.
     */
    public static RosDistro fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "humble", "galactic", "foxy" -> HUMBLE;
            case "" -> throw new IllegalArgumentException("empty ROS distribution name");
            default -> JAZZY;
        };
    }
}
