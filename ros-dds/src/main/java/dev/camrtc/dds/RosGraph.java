package dev.camrtc.dds;

/**
 * One ROS 2 node on the DDS graph, owning its publishers and subscribers. Opening (the backend's factory,
 * {@code CycloneGraph.open} today) joins the domain and announces the node on {@code ros_discovery_info}
 * (so {@code ros2 node list} shows it); closing deletes every publisher and subscriber and leaves the graph.
 * Making and closing them is thread-safe; see each one for publishing and taking.
 *
 * <p>Topic names are ROS names: absolute ({@code /realsense/color/image_raw}) or relative to the
 * node namespace ({@code color/image_raw} in namespace {@code /cam2} is {@code /cam2/color/image_raw}).
 */
public interface RosGraph extends AutoCloseable {

    /** A {@code sensor_msgs/msg/Image} publisher. */
    ImagePublisher imagePublisher(String topic, QosOptions qos);

    /** A {@code sensor_msgs/msg/CameraInfo} publisher. */
    CameraInfoPublisher cameraInfoPublisher(String topic, QosOptions qos);

    /** A {@code sensor_msgs/msg/CompressedImage} publisher. */
    CompressedImagePublisher compressedImagePublisher(String topic, QosOptions qos);

    /**
     * A {@code sensor_msgs/msg/Image} subscriber. With {@link QosOptions#sensorData()} (best effort, keep
     * last 1) it matches reliable and best-effort publishers alike.
     */
    ImageSubscriber imageSubscriber(String topic, QosOptions qos);

    /** A {@code sensor_msgs/msg/CompressedImage} subscriber. */
    CompressedImageSubscriber compressedImageSubscriber(String topic, QosOptions qos);

    /** A {@code sensor_msgs/msg/CameraInfo} subscriber. */
    CameraInfoSubscriber cameraInfoSubscriber(String topic, QosOptions qos);

    /**
     * ROS message types (e.g. {@code sensor_msgs/msg/CameraInfo}) of the publishers discovery has found on
     * {@code topic}; empty when it has none. A type not made by rosidl keeps its DDS name.
     */
    java.util.List<String> publishedTypes(String topic);

    /** A waitset for this graph's subscribers. */
    SubscriberWaitSet waitSet();

    /** The options the graph was opened with. */
    DdsOptions options();

    /** Fully qualified node name, e.g. {@code /cam2/camrtc_ros_receiver}. */
    String nodeFullName();

    /** Deletes every publisher and subscriber, then the node; idempotent. */
    @Override
    void close();
}
