package dev.camrtc.ros.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.ros.config.ReceiverConfig;
import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.Defaults;
import dev.camrtc.dds.Reliability;
import dev.camrtc.dds.RosDistro;
import dev.camrtc.ros.publish.CompressedImageOutput;
import dev.camrtc.ros.publish.TopicLayout;
import dev.camrtc.ros.session.SenderChoice;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReceiverCommandLineTest {
    private static final DdsOptions ENV = DdsOptions.fromEnvironment().withDomainId(7);

    private static ReceiverConfig parse(String... args) {
        ReceiverOptions o = new ReceiverOptions();
        new CommandLine(o).parseArgs(args);
        return ReceiverCommandLine.from(o, ENV);
    }

    @Test
    void defaults() {
        ReceiverConfig c = parse();
        assertEquals("ws://127.0.0.1:8080/ws/receiver", c.signaling().endpointWithoutToken());
        assertEquals(SenderChoice.any(), c.choice());
        assertEquals(TopicLayout.Scheme.DEMO, c.layout().scheme());
        assertEquals(Reliability.RELIABLE, c.qos().reliability());
        assertEquals(Defaults.HISTORY_DEPTH, c.qos().depth());
        assertEquals(7, c.dds().domainId(), "ROS_DOMAIN_ID of the environment");
        assertEquals(Defaults.NODE_NAME, c.dds().nodeName());
        assertEquals("/", c.dds().namespace());
        assertFalse(c.mjpegFallback());
        assertFalse(c.mjpegTokenAnyHost(), "the token goes to the signaling server's host only");
        assertEquals(OptionalInt.empty(), c.compressedJpegQuality(), "no compressed topics by default");
        assertEquals(OptionalInt.of(CompressedImageOutput.DEFAULT_QUALITY),
                parse("--compressed").compressedJpegQuality());
        assertEquals(80, CompressedImageOutput.DEFAULT_QUALITY);
    }

    @Test
    void everyFlag() {
        ReceiverConfig c = parse("--server", "wss://cams.example:9443", "--token", "t0k", "--sender-name", "lab-cam",
                "--topics", "realsense-ros", "--namespace", "/cam2", "--node-name", "cam2_receiver",
                "--color-topic", "/front/rgb", "--infrared-frame-id", "ir", "--reliability", "best_effort",
                "--depth", "1", "--mjpeg-fallback", "--mjpeg-token-any-host", "--compressed", "--jpeg-quality", "60",
                "--ros-distro", "humble", "--domain-id", "42",
                "--dds-config", "<CycloneDDS/>");
        assertEquals("wss://cams.example:9443/ws/receiver", c.signaling().endpointWithoutToken());
        assertEquals("t0k", c.signaling().token());
        assertEquals(SenderChoice.byName("lab-cam"), c.choice());
        assertEquals("/front/rgb", c.layout().topics("color").image());
        assertEquals("camera_color_optical_frame", c.layout().topics("color").frameId());
        assertEquals("camera/camera/infra1/image_rect_raw", c.layout().topics("infrared").image());
        assertEquals("ir", c.layout().topics("infrared").frameId());
        assertEquals(Reliability.BEST_EFFORT, c.qos().reliability());
        assertEquals(1, c.qos().depth());
        assertEquals(42, c.dds().domainId());
        assertEquals("/cam2", c.dds().namespace());
        assertEquals("cam2_receiver", c.dds().nodeName());
        assertEquals(RosDistro.HUMBLE, c.dds().distro());
        assertEquals("<CycloneDDS/>", c.dds().cycloneXml());
        assertTrue(c.mjpegFallback());
        assertTrue(c.mjpegTokenAnyHost());
        assertEquals(OptionalInt.of(60), c.compressedJpegQuality());
    }

    @Test
    void badValuesAreRefusedWithTheFlagInTheMessage() {
        Map<String[], String> cases = Map.ofEntries(
                Map.entry(new String[] {"--server", "http//x"}, "'http//x' must look like ws://host:port"),
                Map.entry(new String[] {"--server", "ftp://host:21"}, "ws://host:port"),
                Map.entry(new String[] {"--topics", "ros1"}, "unknown topic layout 'ros1'"),
                Map.entry(new String[] {"--reliability", "sometimes"}, "unknown reliability 'sometimes'"),
                Map.entry(new String[] {"--depth", "0"}, "--depth 0 is out of range 1..1000"),
                Map.entry(new String[] {"--compressed", "--jpeg-quality", "0"},
                        "--jpeg-quality 0 is out of range 1..100"),
                Map.entry(new String[] {"--jpeg-quality", "101"}, "--jpeg-quality 101 is out of range 1..100"),
                Map.entry(new String[] {"--namespace", "/9cam"}, "namespace '/9cam'"),
                Map.entry(new String[] {"--node-name", "my-node"}, "node name 'my-node'"),
                Map.entry(new String[] {"--color-topic", "a//b"}, "topic '/a//b'"),
                Map.entry(new String[] {"--domain-id", "300"}, "ROS domain id must be 0..232"),
                Map.entry(new String[] {"--sender-id", "s-1", "--sender-name", "x"}, "not both"));
        cases.forEach((args, expected) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args),
                    String.join(" ", args));
            assertTrue(e.getMessage().contains(expected), e.getMessage() + " should mention " + expected);
        });
    }
}
