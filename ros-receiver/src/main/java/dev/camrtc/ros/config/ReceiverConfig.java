package dev.camrtc.ros.config;

import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.ros.metrics.MetricsSettings;
import dev.camrtc.ros.publish.TopicLayout;
import dev.camrtc.ros.session.SenderChoice;
import java.util.OptionalInt;

/**
 * The receiver's validated settings (the command line and config file make them: {@code cli.ReceiverCommandLine}).
 *
 * @param signaling    server address and token
 * @param choice       which sender
 * @param layout       topic names and frame ids
 * @param qos          QoS of every publisher
 * @param dds          domain, node name and namespace, discovery layout, extra Cyclone configuration
 * @param mjpegFallback use the sender's MJPEG URLs while WebRTC cannot connect
 * @param compressedJpegQuality with a value: publish {@code <image>/compressed} JPEGs of this quality; empty: don't
 * @param mjpegTokenAnyHost send the access token to MJPEG URLs on any host, not only the signaling server's
 * @param metrics      where {@code /metrics} and {@code /healthz} are served, or off
 */
public record ReceiverConfig(SignalingOptions signaling, SenderChoice choice, TopicLayout layout, QosOptions qos,
                             DdsOptions dds, boolean mjpegFallback, OptionalInt compressedJpegQuality,
                             boolean mjpegTokenAnyHost, MetricsSettings metrics) {
}
