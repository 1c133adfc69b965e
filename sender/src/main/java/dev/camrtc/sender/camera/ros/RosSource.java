package dev.camrtc.sender.camera.ros;

import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.RosGraphException;
import dev.camrtc.dds.SubscriberWaitSet;
import dev.camrtc.dds.cyclone.CycloneGraph;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegDecompressor;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.camera.CaptureLoop;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.camera.RosSourceOptions;
import dev.camrtc.sender.control.CameraControls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ROS 2 image topics as a camera ({@code --source ros:TOPIC[,TOPIC...]} or {@code ros:realsense-ros}), read
 * through the Cyclone DDS binding of module ros-dds: one node for the sender's life, one image subscriber
 * per watched stream (none while nobody watches: no DDS traffic for unwatched topics), newest frame only.
 *
 * <p>At start ({@link FirstFrames}) each topic's first image and camera_info fix what is announced: size,
 * encoding (bgr8 for colour encodings, mono8, or 16UC1 depth on a data channel per PROTOCOL.md 8, depth_units
 * 0.001 as REP 118 has 16UC1 in millimetres) and intrinsics. A topic silent at start is announced from its
 * role (depth: 16UC1, infrared: mono8, else bgr8) without size and streams once it publishes ("waiting" is
 * logged once). An encoding the sender cannot stream is one error naming the topic and its encoding.
 * Each frame's capture time is its header.stamp (kept to the microsecond; the receive time when the stamp is 0).
 */
public final class RosSource implements CameraSource {
    private static final Logger LOG = LoggerFactory.getLogger(RosSource.class);
    /** Longest a capture waits for data, so demand changes are followed promptly. */
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final String IMAGE_TYPE = "sensor_msgs/msg/Image";
    private static final String COMPRESSED_TYPE = "sensor_msgs/msg/CompressedImage";
    /** How often a subscribed topic without images is checked for a publisher of another type. */
    private static final long TYPE_CHECK_NANOS = 1_000_000_000L;
    /** REP 118: 16UC1 depth images are in millimetres. */
    static final double DEPTH_UNITS = 0.001;

    private final String label;
    private final boolean alwaysOn;
    private final RosSourceOptions options;
    private final RosGraph graph;
    private final Map<String, RosStream> streams = new LinkedHashMap<>();
    private final List<StreamDescription> descriptions;
    private final Reader reader = new Reader();
    private final CaptureLoop<String> loop;

    /**
     * Joins the ROS 2 graph and probes the topics. Throws CameraUnavailableException when Cyclone DDS cannot
     * be loaded or no topic can be streamed.
     */
    public RosSource(List<RosStreamSpec> specs, RosSourceOptions options, boolean alwaysOn, int retryMillis, String label) {
        this.label = label == null ? "sender" : label;
        this.alwaysOn = alwaysOn;
        this.options = options;
        try {
            this.graph = CycloneGraph.open(options.dds());
        } catch (RosGraphException e) {
            throw new CameraUnavailableException("--source ros: cannot join the ROS 2 graph: " + e.getMessage());
        }
        try {
            Map<RosStreamSpec, FirstFrames.Seen> seen = FirstFrames.probe(graph, specs, options.qos(), options.probe());
            List<StreamDescription> out = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (RosStreamSpec spec : specs) {
                String problem = unstreamable(spec, seen.get(spec));
                if (problem == null) {
                    out.add(describe(spec, seen.get(spec)));
                } else {
                    LOG.error("[{}] {}; stream left out", this.label, problem);
                    problems.add(problem);
                }
            }
            if (out.isEmpty()) {
                throw new CameraUnavailableException("--source ros: nothing to stream: " + String.join("; ", problems));
            }
            this.descriptions = List.copyOf(out);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
        this.loop = new CaptureLoop<>(this.label, description(), "ros-" + this.label, retryMillis,
                FramePool.DEFAULT_MAX_FRAMES, reader);
    }

    /** Why the topic cannot be streamed (its encoding, or another message type on it), or null. */
    private String unstreamable(RosStreamSpec spec, FirstFrames.Seen seen) {
        if (seen.encoding() != null && spec.compressed()) {
            return StreamFeed.isJpeg(seen.encoding()) ? null : "ROS topic " + spec.imageTopic()
                    + " publishes CompressedImage in format " + seen.encoding() + "; the sender decodes JPEG only";
        }
        if (seen.encoding() != null) {
            return ImageConversion.target(seen.encoding()) != null ? null : "ROS topic " + spec.imageTopic()
                    + " publishes sensor_msgs/Image in encoding " + seen.encoding() + ", which the sender cannot stream"
                    + " (it streams " + ImageConversion.SUPPORTED + ")";
        }
        return wrongType(spec.imageTopic(), spec.compressed());
    }

    /** "ROS topic X publishes T, not sensor_msgs/msg/Image" when discovery shows only other types on it, else null. */
    private String wrongType(String topic, boolean compressed) {
        String expected = compressed ? COMPRESSED_TYPE : IMAGE_TYPE;
        List<String> types = graph.publishedTypes(topic);
        return types.isEmpty() || types.contains(expected) ? null
                : "ROS topic " + topic + " publishes " + String.join(", ", types) + ", not " + expected;
    }

    private StreamDescription describe(RosStreamSpec spec, FirstFrames.Seen seen) {
        PixelFormat format;
        if (spec.compressed()) {
            format = PixelFormat.BGR8; // JPEG, decoded to bgr8
        } else if (seen.encoding() != null) {
            format = ImageConversion.target(seen.encoding());
        } else {
            format = spec.depth() ? PixelFormat.Z16
                    : spec.name().startsWith(RosStreamSpec.INFRARED) ? PixelFormat.MONO8 : PixelFormat.BGR8;
        }
        if (seen.encoding() == null) {
            LOG.warn("[{}] no image on ROS topic {} within {} ms; announcing {} as {} without a size, streaming starts"
                    + " when it publishes", label, spec.imageTopic(), options.probe().toMillis(), spec.name(),
                    format.rosEncoding());
        }
        String name = spec.name();
        if (spec.depth() && format != PixelFormat.Z16) {
            name = "depth"; // e.g. a colorized depth image: an ordinary video stream
        }
        streams.put(name, new RosStream(spec, name, format));
        Intrinsics intrinsics = seen.info() == null ? null : seen.info().toIntrinsics();
        Integer fps = options.fps();
        if (format == PixelFormat.Z16) {
            return new StreamDescription(name, seen.width(), seen.height(), fps, format.rosEncoding(),
                    StreamDescription.TRANSPORT_DATACHANNEL, DEPTH_UNITS, intrinsics);
        }
        return new StreamDescription(name, seen.width(), seen.height(), fps, format.rosEncoding(), intrinsics);
    }

    @Override
    public String description() {
        return "ROS 2 topics " + streams.values().stream().map(s -> s.spec().imageTopic()).collect(Collectors.joining(","))
                + " (domain " + graph.options().domainId() + ")";
    }

    @Override
    public List<StreamDescription> streams() {
        return descriptions;
    }

    @Override
    public void start(FrameSink sink) {
        loop.start(sink);
    }

    @Override
    public void demand(Set<String> wanted) {
        loop.demand(wanted);
    }

    /** Image subscribers open now (one per watched stream). For tests and stats. */
    public int subscriptions() {
        return reader.open.size();
    }

    @Override
    public CameraControls controls() {
        return CameraControls.none();
    }

    /** Stops capture (closing the subscribers), then leaves the graph. Idempotent. */
    @Override
    public void close() {
        loop.close();
    }

    /** The device part, on the capture thread: a {@link StreamFeed} per watched stream, newest frames only. */
    private final class Reader implements CaptureLoop.Device<String> {
        private final Map<String, StreamFeed> open = new java.util.concurrent.ConcurrentHashMap<>();
        private final Set<String> waitingLogged = new java.util.HashSet<>();
        private final Set<String> wrongTypeLogged = new java.util.HashSet<>();
        private SubscriberWaitSet waitSet;
        private JpegDecompressor jpeg;
        private long openedNanos;
        private long lastTypeCheckNanos;

        @Override
        public Set<String> needs(Set<String> demand) {
            return alwaysOn ? Set.copyOf(streams.keySet()) : demand.stream().filter(streams::containsKey).collect(Collectors.toSet());
        }

        @Override
        public void open(Set<String> what) {
            if (waitSet == null) {
                waitSet = graph.waitSet();
            }
            for (String name : what) {
                RosStream stream = streams.get(name);
                if (stream.spec().compressed() && jpeg == null) {
                    jpeg = new JpegDecompressor();
                }
                StreamFeed feed = new StreamFeed(graph, stream, options.qos(), jpeg, label);
                open.put(name, feed);
                waitSet.attach(feed.subscriber());
            }
            openedNanos = System.nanoTime();
            waitingLogged.clear();
            wrongTypeLogged.clear();
            LOG.info("[{}] subscribed to {}", label, what);
        }

        @Override
        public void capture(CaptureLoop.Frames frames) {
            waitSet.await(WAIT);
            long now = System.nanoTime();
            boolean checkTypes = now - openedNanos > options.probe().toNanos() && now - lastTypeCheckNanos > TYPE_CHECK_NANOS;
            if (checkTypes) {
                lastTypeCheckNanos = now;
            }
            for (StreamFeed feed : open.values()) {
                feed.take(frames);
                if (checkTypes && feed.subscriber().receivedCount() == 0) {
                    reportSilence(feed);
                }
            }
        }

        /**
         * A subscribed topic without images: another message type on it (an error), a publisher whose QoS does not
         * match the subscriber's (a warning naming the fix), or no publisher yet; each said once per subscription.
         */
        private void reportSilence(StreamFeed feed) {
            String name = feed.stream().name();
            String topic = feed.subscriber().topic();
            String wrong = wrongType(topic, feed.stream().spec().compressed());
            if (wrong != null) {
                if (wrongTypeLogged.add(name)) {
                    LOG.error("[{}] {}; nothing to stream for {}", label, wrong, name);
                }
            } else if (feed.subscriber().publisherCount() == 0 && waitingLogged.add(name)) {
                if (graph.publishedTypes(topic).isEmpty()) {
                    LOG.info("[{}] waiting for a publisher on ROS topic {} ({})", label, topic, name);
                } else {
                    LOG.warn("[{}] ROS topic {} has a publisher whose QoS does not match this subscriber's ({}, depth {});"
                            + " --ros-reliability best_effort matches every publisher", label, topic,
                            options.reliability().name().toLowerCase(java.util.Locale.ROOT), options.depth());
                }
            }
        }

        @Override
        public void stop() {
            for (StreamFeed feed : open.values()) {
                waitSet.detach(feed.subscriber());
                feed.close();
            }
            open.clear();
            LOG.info("[{}] unsubscribed from the ROS topics", label);
        }

        @Override
        public void release() {
            if (waitSet != null) {
                waitSet.close();
            }
            if (jpeg != null) {
                jpeg.close();
            }
            graph.close();
        }
    }
}
