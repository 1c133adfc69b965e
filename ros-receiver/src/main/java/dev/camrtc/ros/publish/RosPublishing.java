package dev.camrtc.ros.publish;

import dev.camrtc.media.rtc.ReceivedDepthFrame;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.RosNames;
import dev.camrtc.ros.depth.DepthRepublisher;
import dev.camrtc.ros.depth.LosslessDepth;
import dev.camrtc.ros.frame.ReceivedImage;
import dev.camrtc.ros.output.PublishObserver;
import dev.camrtc.ros.output.StreamTopics;
import dev.camrtc.ros.session.StreamOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ROS side of the receiver: one {@link ImageRepublisher} per stream the sender announced, named by
 * the {@link TopicLayout}, made on the node's {@link RosGraph} the first time a stream is announced and
 * kept for the life of the process (a returning sender publishes on the same writers, so subscribers
 * stay matched). With a JPEG quality, each stream also gets its {@code <image>/compressed} topic. It is the
 * session's {@link StreamOutput} (and the MJPEG fallback's); a {@link PublishObserver} (the metrics) hears of
 * every stream and published frame. Owns the graph: closing closes every publisher, then the node.
 */
public final class RosPublishing implements StreamOutput, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RosPublishing.class);

    private final RosGraph graph;
    private final TopicLayout layout;
    private final QosOptions qos;
    private final OptionalInt jpegQuality;
    private final PublishObserver observer;
    private final Map<String, ImageRepublisher> streams = new LinkedHashMap<>();
    private volatile Map<String, ImageRepublisher> snapshot = Map.of(); // streams, read without the lock
    private final Map<String, DepthRepublisher> depth = new LinkedHashMap<>();
    private volatile Map<String, DepthRepublisher> depthSnapshot = Map.of(); // depth, read without the lock
    private boolean closed;

    /** Image and camera_info topics only. */
    public RosPublishing(RosGraph graph, TopicLayout layout, QosOptions qos) {
        this(graph, layout, qos, OptionalInt.empty());
    }

    /** @param jpegQuality quality of the compressed topics, or empty for none */
    public RosPublishing(RosGraph graph, TopicLayout layout, QosOptions qos, OptionalInt jpegQuality) {
        this(graph, layout, qos, jpegQuality, PublishObserver.NONE);
    }

    /** @param observer told about every stream's republisher and published frames (the metrics) */
    public RosPublishing(RosGraph graph, TopicLayout layout, QosOptions qos, OptionalInt jpegQuality,
                         PublishObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.qos = Objects.requireNonNull(qos, "qos");
        this.jpegQuality = Objects.requireNonNull(jpegQuality, "jpegQuality");
    }

    public RosGraph graph() {
        return graph;
    }

    /** Makes publishers for announced streams not seen before and updates every stream's camera model. */
    @Override
    public synchronized void announce(String label, List<StreamDescription> announced) {
        if (closed || announced == null) {
            return;
        }
        for (StreamDescription d : announced) {
            if (LosslessDepth.isLossless(d)) {
                DepthRepublisher r = depth.computeIfAbsent(d.name(),
                        n -> openDepth(label, n, LosslessDepth.alignedToColor(d, announced)));
                depthSnapshot = Map.copyOf(depth);
                r.announcedSize(d.width(), d.height());
                r.cameraInfo(cameraInfo(label, d));
                continue;
            }
            if (!d.isVideo() || (LosslessDepth.COLORIZED.equals(d.name())
                    && announced.stream().anyMatch(LosslessDepth::isLossless))) {
                continue; // an unknown data channel; or the colorized view, not requested beside lossless depth
            }
            ImageRepublisher r = streams.computeIfAbsent(d.name(), this::open);
            r.cameraInfo(cameraInfo(label, d));
        }
    }

    private ImageRepublisher open(String stream) {
        StreamTopics t = layout.topics(stream);
        ImagePublisher images = graph.imagePublisher(t.image(), qos);
        CompressedImageOutput compressed = jpegQuality.isPresent()
                ? new CompressedImageOutput(graph.compressedImagePublisher(t.compressed(), qos), jpegQuality.getAsInt())
                : null;
        ImageRepublisher r = new ImageRepublisher(stream, t, images,
                () -> graph.cameraInfoPublisher(t.cameraInfo(), qos), compressed);
        r.times(observer.opened(stream, RosNames.resolveTopic(graph.options().namespace(), t.image()), r));
        Map<String, ImageRepublisher> next = new java.util.HashMap<>(snapshot);
        next.put(stream, r);
        snapshot = Map.copyOf(next);
        return r;
    }

    private DepthRepublisher openDepth(String label, String stream, boolean aligned) {
        StreamTopics t = layout.depthTopics(stream, aligned);
        DepthRepublisher r = new DepthRepublisher(stream, t, graph.imagePublisher(t.image(), qos),
                graph.compressedImagePublisher(DepthRepublisher.compressedDepthTopic(t), qos),
                () -> graph.cameraInfoPublisher(t.cameraInfo(), qos));
        r.times(observer.opened(stream, RosNames.resolveTopic(graph.options().namespace(), t.image()), r));
        LOG.info("{}: lossless depth {} on {} ({}), {}", label, stream, t.image(), t.frameId(),
                DepthRepublisher.compressedDepthTopic(t));
        return r;
    }

    /**
     * Hands a depth frame (valid only during the call) to its stream's republisher, which copies it; a frame
     * of a stream not announced as lossless depth is dropped. Called on the channel's delivery thread.
     */
    @Override
    public void deliverDepth(ReceivedDepthFrame frame) {
        DepthRepublisher r = depthSnapshot.get(frame.stream());
        if (r != null) {
            r.offer(frame);
        } else {
            LOG.debug("depth frame of unannounced stream {} dropped", frame.stream());
        }
    }

    /** The depth republisher of {@code stream}, or null. */
    public synchronized DepthRepublisher depthStream(String stream) {
        return depth.get(stream);
    }

    private static CameraInfo cameraInfo(String label, StreamDescription d) {
        if (d.intrinsics() == null) {
            return null;
        }
        if (d.width() == null || d.height() == null) {
            LOG.warn("{}: stream {} has intrinsics but no size; no camera_info", label, d.name());
            return null;
        }
        try {
            return CameraInfo.from(d.intrinsics(), d.width(), d.height());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: stream {}: no camera_info: {}", label, d.name(), e.getMessage());
            return null;
        }
    }

    /**
     * Hands a received image to its stream's publisher, which owns it from here on (called on the decoder
     * thread; returns at once once the stream's publisher exists). A stream that was not announced is
     * published too, under the layout's name for it (its writer is made on this first call). After close the
     * image is released at once.
     */
    @Override
    public void deliver(ReceivedImage image) {
        ImageRepublisher r = snapshot.get(image.stream()); // no lock: announce() may be opening writers
        try {
            if (r == null) {
                synchronized (this) {
                    r = closed ? null : streams.computeIfAbsent(image.stream(), this::open);
                }
            }
        } catch (RuntimeException e) {
            image.release();
            throw e;
        }
        if (r == null) {
            image.release();
        } else {
            r.offer(image); // a closed republisher releases it
        }
    }

    /** The republisher of {@code stream}, or null. */
    public synchronized ImageRepublisher stream(String stream) {
        return streams.get(stream);
    }

    /** Closes every publisher, then leaves the ROS graph. Idempotent. */
    @Override
    public void close() {
        List<ImageRepublisher> all;
        List<DepthRepublisher> depths;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(streams.values());
            depths = List.copyOf(depth.values());
        }
        for (ImageRepublisher r : all) {
            r.close();
        }
        for (DepthRepublisher r : depths) {
            r.close();
        }
        graph.close();
    }
}
