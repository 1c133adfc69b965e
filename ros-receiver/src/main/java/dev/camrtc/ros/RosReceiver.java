package dev.camrtc.ros;

import dev.camrtc.ros.config.ReceiverConfig;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.program.CloseInReverse;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.cyclone.CycloneGraph;
import dev.camrtc.ros.metrics.MetricsServer;
import dev.camrtc.ros.metrics.ReceiverMetrics;
import dev.camrtc.ros.mjpeg.MjpegFallback;
import dev.camrtc.ros.publish.RosPublishing;
import dev.camrtc.ros.session.MediaFallback;
import dev.camrtc.ros.session.EngineRenewal;
import dev.camrtc.ros.session.ReceiverSession;
import dev.camrtc.ros.session.SessionTimings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole ROS receiver, started in this process: the ROS 2 node ({@link RosPublishing} on a
 * {@link RosGraph}), the WebRTC engine, the optional MJPEG fallback and the {@link ReceiverSession}.
 * Used by {@link Main} and by tests. {@link #close()} stops them in the one safe order: session (hangs up,
 * closes the peer connection), fallback, WebRTC engine, then the publishers and the DDS node.
 */
public final class RosReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RosReceiver.class);

    private final RosPublishing publishing;
    private final ReceiverSession session;
    private final ReceiverMetrics metrics;
    private final MetricsServer metricsServer; // null: off
    private final Deque<AutoCloseable> closeOrder;
    private boolean closed;

    private RosReceiver(RosPublishing publishing, ReceiverSession session, ReceiverMetrics metrics,
                        MetricsServer metricsServer, Deque<AutoCloseable> closeOrder) {
        this.publishing = publishing;
        this.session = session;
        this.metrics = metrics;
        this.metricsServer = metricsServer;
        this.closeOrder = closeOrder;
    }

    /**
     * Joins the ROS graph and starts receiving in the background. On failure everything opened so far is
     * closed before the exception propagates.
     *
     * @param fatal called once when the receiver cannot go on (several senders and none chosen)
     */
    public static RosReceiver start(ReceiverConfig config, SessionTimings timings, Consumer<String> fatal) {
        return start(config, timings, EngineRenewal.DEFAULT_RENEW_AFTER_MESSAGES, fatal);
    }

    /** As above, with the WebRTC engine renewed after {@code renewEngineAfterMessages} (see {@link EngineRenewal}). */
    public static RosReceiver start(ReceiverConfig config, SessionTimings timings, long renewEngineAfterMessages,
                                    Consumer<String> fatal) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            ReceiverMetrics metrics = new ReceiverMetrics();
            RosPublishing publishing = new RosPublishing(CycloneGraph.open(config.dds()), config.layout(), config.qos(),
                    config.compressedJpegQuality(), metrics);
            opened.push(publishing);
            EngineRenewal engines = new EngineRenewal(RtcEngine::new, renewEngineAfterMessages);
            opened.push(engines);
            MediaFallback fallback = config.mjpegFallback()
                    ? new MjpegFallback(publishing, config.signaling().token(), config.signaling().server().getHost(),
                    config.mjpegTokenAnyHost()) : MediaFallback.NONE;
            opened.push(fallback);
            ReceiverSession session = new ReceiverSession(config.signaling(), engines, PeerSettings.defaults(),
                    config.choice(), publishing, fallback, timings, fatal);
            opened.push(session);
            metrics.session(session);
            MetricsServer metricsServer = null;
            if (config.metrics().enabled()) {
                metricsServer = MetricsServer.start(config.metrics(), metrics);
                opened.push(metricsServer);
            }
            LOG.info("ROS receiver {}: receiving {} from {} into ROS 2 domain {} ({} topics{}{})",
                    publishing.graph().nodeFullName(), config.choice(), config.signaling().endpointWithoutToken(),
                    config.dds().domainId(), config.layout().scheme().flag(),
                    ", " + config.qos().reliability().name().toLowerCase() + " depth " + config.qos().depth(),
                    (config.mjpegFallback() ? ", MJPEG fallback" : "") + (config.compressedJpegQuality().isPresent()
                            ? ", compressed JPEG q" + config.compressedJpegQuality().getAsInt() : ""));
            return new RosReceiver(publishing, session, metrics, metricsServer, opened);
        } catch (RuntimeException | Error e) {
            CloseInReverse.closeAll(opened, "ROS receiver");
            throw e;
        }
    }

    public RosPublishing publishing() {
        return publishing;
    }

    public ReceiverSession session() {
        return session;
    }

    public ReceiverMetrics metrics() {
        return metrics;
    }

    /** The port of {@code /metrics} and {@code /healthz}, or 0 when they are off. */
    public int metricsPort() {
        return metricsServer == null ? 0 : metricsServer.port();
    }

    /** Hangs up and closes the session, fallback, WebRTC engine, publishers and the node. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CloseInReverse.closeAll(closeOrder, "ROS receiver");
        LOG.info("ROS receiver stopped");
    }
}
