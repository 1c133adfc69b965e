package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.ros.RosReceiver;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.sender.RunningSender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The receiver's {@code /metrics} and {@code /healthz} against the real thing: signaling server, test-pattern
 * sender over WebRTC, the receiver, and a Cyclone C subscriber counting what reached DDS.
 */
@Tag("media")
class RosReceiverMetricsEndToEndTest {
    private static final String TOPIC = "/realsense/color/image_raw";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void metricsFollowTheFramesADdsSubscriberCountsAndHealthFlipsWhenTheSenderLeaves() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (RosFixture fixture = new RosFixture(59)) {
            RunningSender sender = fixture.sender("metrics-cam");
            RosReceiver receiver = fixture.receiver("--sender-name", "metrics-cam", "--node-name", "metrics_receiver",
                    "--metrics-port", Integer.toString(port));
            assertEquals(port, receiver.metricsPort());
            long flowing = System.currentTimeMillis() + 60_000; // WebRTC connects, the topic's writer is made
            while (!get(port, "/metrics").body().contains("camrtc_ros_receiver_frames_published_total{topic=\""
                    + TOPIC + "\"}") && System.currentTimeMillis() < flowing) {
                Thread.sleep(200);
            }
            int n = 90;
            double before = value(get(port, "/metrics").body(), "camrtc_ros_receiver_frames_published_total", TOPIC);
            double after;
            try (PeerProcess color = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable",
                    "volatile", n, 40)) {
                long counted = ImageLine.all(color.finish(Duration.ofSeconds(45))).size();
                after = value(get(port, "/metrics").body(), "camrtc_ros_receiver_frames_published_total", TOPIC);
                assertEquals(n, counted, "the DDS subscriber's count");
            }
            double published = after - before;
            // every image the reliable subscriber counted was published between the two scrapes, which bracket
            // its listening with a little more (its start and discovery, its exit)
            assertTrue(published >= n && published <= 3 * n, "published " + published + " while the subscriber "
                    + "counted " + n);
            String text = get(port, "/metrics").body();
            assertTrue(value(text, "camrtc_ros_receiver_frames_received_total", TOPIC) >= after);
            assertTrue(value(text, "camrtc_ros_receiver_dds_publish_seconds_count", TOPIC) >= after);
            assertTrue(value(text, "camrtc_ros_receiver_glass_to_ros_latency_seconds_count", TOPIC) > 0,
                    "the test pattern stamps its frames");
            assertTrue(text.contains("camrtc_ros_receiver_session_state{phase=\"streaming\"} 1.0"), text);
            assertTrue(text.contains("camrtc_ros_receiver_reconnects_total"), text);

            HttpResponse<String> healthy = get(port, "/healthz");
            assertEquals(200, healthy.statusCode(), healthy.body());

            sender.close(); // the sender goes away
            HttpResponse<String> health = get(port, "/healthz");
            long end = System.currentTimeMillis() + 30_000;
            while (health.statusCode() == 200 && System.currentTimeMillis() < end) {
                Thread.sleep(200);
                health = get(port, "/healthz");
            }
            assertEquals(503, health.statusCode(), health.body());
            assertEquals(1, health.body().strip().lines().count(), "one line: " + health.body());
            assertEquals(404, get(port, "/nothing").statusCode());
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of {@code name{topic="<topic>"}} in a Prometheus text exposition. */
    static double value(String text, String name, String topic) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{topic=\"" + Pattern.quote(topic)
                + "\"\\} (\\S+)$").matcher(text);
        assertTrue(m.find(), name + " for " + topic + " missing in:\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
