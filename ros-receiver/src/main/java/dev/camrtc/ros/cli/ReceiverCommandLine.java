package dev.camrtc.ros.cli;

import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.ros.config.ReceiverConfig;
import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.Reliability;
import dev.camrtc.dds.RosDistro;
import dev.camrtc.dds.RosNames;
import dev.camrtc.ros.metrics.MetricsSettings;
import dev.camrtc.ros.publish.TopicLayout;
import dev.camrtc.ros.session.SenderChoice;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine;

/**
 * Makes the receiver's validated {@link ReceiverConfig} from its command line ({@link ReceiverOptions}); every
 * check runs before anything starts, so a bad flag changes nothing.
 */
public final class ReceiverCommandLine {

    private ReceiverCommandLine() {
    }

    /** Validates {@code o}; the environment gives ROS_DOMAIN_ID when --domain-id is absent. */
    public static ReceiverConfig from(ReceiverOptions o) {
        return from(o, DdsOptions.fromEnvironment());
    }

    static ReceiverConfig from(ReceiverOptions o, DdsOptions environment) {
        URI server;
        try {
            server = new URI(o.server);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server '" + o.server + "' is not a URL (example: ws://host:8080)");
        }
        SignalingOptions signaling = SignalingOptions.receiver(server, o.token);
        SenderChoice choice = new SenderChoice(o.senderId, o.senderName);
        Map<String, TopicLayout.Override> overrides = new HashMap<>();
        if (o.colorTopic != null || o.colorFrameId != null) {
            overrides.put(TopicLayout.COLOR, new TopicLayout.Override(o.colorTopic, o.colorFrameId));
        }
        if (o.infraredTopic != null || o.infraredFrameId != null) {
            overrides.put(TopicLayout.INFRARED, new TopicLayout.Override(o.infraredTopic, o.infraredFrameId));
        }
        TopicLayout layout = new TopicLayout(TopicLayout.Scheme.parse(o.topics), overrides);
        for (String stream : new String[] {TopicLayout.COLOR, TopicLayout.INFRARED}) {
            var t = layout.topics(stream);
            RosNames.resolveTopic(o.namespace, t.image()); // throws for a bad name
            if (t.frameId().isBlank() || t.frameId().contains(" ")) {
                throw new IllegalArgumentException("frame id '" + t.frameId() + "' must be non-empty without spaces");
            }
        }
        if (o.depth < 1 || o.depth > 1000) {
            throw new IllegalArgumentException("--depth " + o.depth + " is out of range 1..1000");
        }
        if (o.jpegQuality < 1 || o.jpegQuality > 100) {
            throw new IllegalArgumentException("--jpeg-quality " + o.jpegQuality + " is out of range 1..100");
        }
        QosOptions qos = QosOptions.defaults().withReliability(Reliability.parse(o.reliability)).withDepth(o.depth);
        DdsOptions dds = environment.withNode(o.nodeName, o.namespace).withDistro(RosDistro.fromName(o.rosDistro))
                .withCycloneXml(o.ddsConfig);
        if (o.domainId != null) {
            dds = dds.withDomainId(o.domainId);
        }
        return new ReceiverConfig(signaling, choice, layout, qos, dds, o.mjpegFallback,
                o.compressed ? OptionalInt.of(o.jpegQuality) : OptionalInt.empty(), o.mjpegTokenAnyHost,
                new MetricsSettings(o.metricsHost, o.metricsPort));
    }

    /** Parses a command line (tests, in-process starts); throws IllegalArgumentException for bad flags. */
    public static ReceiverConfig parse(String... args) {
        ReceiverOptions o = new ReceiverOptions();
        try {
            new CommandLine(o).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return from(o);
    }
}
