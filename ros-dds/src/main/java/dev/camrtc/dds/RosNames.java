package dev.camrtc.dds;

import java.util.regex.Pattern;

/**
 * ROS 2 names and their DDS spelling: topic {@code /realsense/color/image_raw} is DDS topic
 * {@code rt/realsense/color/image_raw}; message {@code sensor_msgs/msg/Image} is DDS type
 * {@code sensor_msgs::msg::dds_::Image_}.
 */
public final class RosNames {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Prefix of DDS topics that carry ROS 2 topics (ros2 design "Topic and Service name mapping to DDS"). */
    public static final String TOPIC_PREFIX = "rt";

    private RosNames() {
    }

    /** Resolves {@code topic} (absolute, or relative to {@code namespace}) to a fully qualified ROS name. */
    public static String resolveTopic(String namespace, String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic name is empty");
        }
        if (topic.startsWith("~")) {
            throw new IllegalArgumentException("private topic names (~) are not supported: '" + topic + "'");
        }
        String ns = checkNamespace(namespace);
        String full = topic.startsWith("/") ? topic : (ns.equals("/") ? "/" + topic : ns + "/" + topic);
        checkTokens(full, "topic");
        return full;
    }

    /** DDS topic name of a fully qualified ROS topic name. */
    public static String ddsTopic(String fullyQualifiedTopic) {
        return TOPIC_PREFIX + fullyQualifiedTopic;
    }

    /** DDS type name of a ROS message: ({@code sensor_msgs}, {@code Image}) to {@code sensor_msgs::msg::dds_::Image_}. */
    public static String ddsType(String rosPackage, String message) {
        return rosPackage + "::msg::dds_::" + message + "_";
    }

    /** The ROS name of a rosidl DDS type ({@code sensor_msgs::msg::dds_::Image_} to {@code sensor_msgs/msg/Image}); others unchanged. */
    public static String rosType(String ddsType) {
        java.util.regex.Matcher m = DDS_TYPE.matcher(ddsType);
        return m.matches() ? m.group(1) + "/" + m.group(2) + "/" + m.group(3) : ddsType;
    }

    private static final Pattern DDS_TYPE = Pattern.compile("(\\w+)::(msg|srv|action)::dds_::(\\w+)_");

    /** Returns the namespace, {@code /} if null/empty; rejects names that are not {@code /tok(/tok)*}. */
    public static String checkNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.equals("/")) {
            return "/";
        }
        if (!namespace.startsWith("/")) {
            namespace = "/" + namespace;
        }
        checkTokens(namespace, "namespace");
        return namespace;
    }

    public static void checkNodeName(String name) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("node name '" + name
                    + "' is not a ROS 2 name (letters, digits and _, not starting with a digit)");
        }
    }

    private static void checkTokens(String name, String what) {
        if (name.endsWith("/")) {
            throw new IllegalArgumentException(what + " '" + name + "' must not end with /");
        }
        for (String token : name.substring(1).split("/", -1)) {
            if (!TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException(what + " '" + name + "' is not a ROS 2 name: each part between /"
                        + " must be letters, digits and _, not starting with a digit");
            }
        }
    }
}
