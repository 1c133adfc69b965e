package dev.camrtc.systemtests.aiortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.PublishedFrames;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.systemtests.signaling.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12's "done when", with nothing of ours at either end: a Cyclone DDS C publisher (ros_pub, built from the
 * IDL) publishes 640x480 color and infrared images on ROS 2 topics, the real sender streams them with
 * {@code --source ros:...}, and aiortc (python3-aiortc) receives them through the real signaling server over
 * WebRTC, inside scripts/netns-run.sh: full rate, and the stamps it decodes from the pixels are the publisher's
 * header.stamps of those frames.
 */
@Tag("media")
class RosSourceAiortcTest {
    private static final Logger LOG = LoggerFactory.getLogger(RosSourceAiortcTest.class);
    private static final String NAME = "aiortc-ros";
    private static final int DOMAIN = 64;
    private static TestServer server;
    private static PeerProcess color;
    private static PeerProcess infrared;
    private static RunningSender sender;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        color = publish("rt/sys/color/image_raw", "bgr8");
        infrared = publish("rt/sys/infra1/image_rect_raw", "mono8");
        sender = RunningSender.start(SenderConfig.parse("--server", "ws://" + server.uri().getAuthority(), "--name", NAME,
                "--mjpeg-port", "0", "--source", "ros:/sys/color/image_raw,/sys/infra1/image_rect_raw",
                "--ros-domain-id", Integer.toString(DOMAIN)));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {sender, color, infrared, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
    }

    @Test
    void aiortcGetsTheTopicsAtFullRateWithThePublishersStamps() throws Exception {
        AiortcReceiver.Result result = AiortcReceiver.run(server.uri(), NAME, List.of(), 5, Duration.ofSeconds(45));
        result.output().forEach(line -> LOG.info("aiortc: {}", line));
        assertEquals(0, result.exitCode(), "aiortc receiver exit status; output " + result.output());
        assertEquals(Set.of("color", "infrared"), result.streams().keySet());
        check(result.streams().get("color"), color);
        check(result.streams().get("infrared"), infrared);
        assertTrue(result.streams().get("color").path("chroma").asDouble() > 5, "color is the colour topic");
        assertTrue(result.streams().get("infrared").path("chroma").asDouble() < 2, "infrared is the mono8 topic");
    }

    private static void check(JsonNode s, PeerProcess publisher) {
        assertEquals(640, s.path("width").asInt(), s.toString());
        assertEquals(480, s.path("announced").path("height").asInt(), "announced from the first image: " + s);
        assertTrue(s.path("best_2s_fps").asDouble() >= 25, "full rate (>= 25 fps in the best 2 s): " + s);
        assertTrue(s.path("stamped").asInt() >= 0.9 * s.path("frames").asInt(), "stamps readable: " + s);
        assertTrue(s.path("in_order").asBoolean(), "in order: " + s);
        Map<Long, Long> published = PublishedFrames.stampMillisByCounter(publisher);
        JsonNode tail = s.path("stamps_tail");
        assertTrue(tail.size() >= 10, "decoded stamps: " + s);
        for (JsonNode pair : tail) {
            long n = pair.get(0).asLong();
            assertEquals(published.get(n), pair.get(1).asLong(), "frame " + n + " carries its header.stamp");
        }
    }

    private static PeerProcess publish(String topic, String encoding) throws Exception {
        PeerProcess p = new PeerProcess(TestPeers.command(TestPeers.cyclonePublisher(), topic, encoding, "640", "480", "0",
                "30", "--band", "--info", topic.substring(0, topic.lastIndexOf('/')) + "/camera_info"),
                Map.of("ROS_DOMAIN_ID", Integer.toString(DOMAIN)));
        p.await("READY", Duration.ofSeconds(60));
        return p;
    }

}
