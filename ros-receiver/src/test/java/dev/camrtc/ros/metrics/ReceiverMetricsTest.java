package dev.camrtc.ros.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.ros.output.PublishObserver;
import dev.camrtc.ros.session.SessionState.Phase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReceiverMetricsTest {

    private record Counts(long offeredCount, long skippedCount, long publishedCount)
            implements PublishObserver.StreamCounts {
    }

    @Test
    void perTopicCountersAndTimersFollowPrometheusNames() {
        ReceiverMetrics m = new ReceiverMetrics();
        PublishObserver.FrameTimes times = m.opened("color", "/realsense/color/image_raw", new Counts(12, 2, 9));
        long now = System.currentTimeMillis() * 1_000_000L;
        times.published(now - TimeUnit.MILLISECONDS.toNanos(40), TimeUnit.MILLISECONDS.toNanos(3));
        times.published(-1, TimeUnit.MILLISECONDS.toNanos(2)); // an unstamped frame: no latency sample
        String text = m.scrape();
        assertTrue(text.contains("camrtc_ros_receiver_frames_received_total{topic=\"/realsense/color/image_raw\"} 12.0"), text);
        assertTrue(text.contains("camrtc_ros_receiver_frames_skipped_total{topic=\"/realsense/color/image_raw\"} 2.0"), text);
        assertTrue(text.contains("camrtc_ros_receiver_frames_published_total{topic=\"/realsense/color/image_raw\"} 9.0"), text);
        assertTrue(text.contains("camrtc_ros_receiver_dds_publish_seconds_count{topic=\"/realsense/color/image_raw\"} 2"), text);
        assertTrue(text.contains("camrtc_ros_receiver_glass_to_ros_latency_seconds_count{topic=\"/realsense/color/image_raw\"} 1"), text);
        assertTrue(text.contains("camrtc_ros_receiver_glass_to_ros_latency_seconds_bucket{topic=\"/realsense/color/image_raw\",le=\"0.05\"} 1"), text);
        assertTrue(text.contains("camrtc_ros_receiver_reconnects_total 0.0"), text);
        assertTrue(text.contains("camrtc_ros_receiver_session_state{phase=\"streaming\"} 0.0"), text);
        assertTrue(m.lastFrameMillis() > 0);
    }

    @Test
    void healthNeedsAStreamingSessionAndARecentFrame() {
        long now = 1_000_000;
        assertEquals(new Health(false, "no session yet"), Health.judge(null, -1, now));
        Health waiting = Health.judge(Phase.WAITING_FOR_SENDER, now - 100, now);
        assertFalse(waiting.healthy());
        assertEquals("no sender streaming: session is waiting_for_sender", waiting.reason());
        assertFalse(Health.judge(Phase.STREAMING, -1, now).healthy());
        long limit = MetricsSettings.STALE_AFTER.toMillis();
        assertTrue(Health.judge(Phase.STREAMING, now - limit, now).healthy());
        assertTrue(Health.judge(Phase.FALLBACK, now - 10, now).healthy());
        Health stale = Health.judge(Phase.STREAMING, now - limit - 1, now);
        assertFalse(stale.healthy());
        assertTrue(stale.reason().startsWith("no frame published for 5 s"), stale.reason());
    }

    @Test
    void theHttpPortServesBothPagesAndATakenPortIsOneClearError() throws Exception {
        ReceiverMetrics m = new ReceiverMetrics();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MetricsServer.start(
                    new MetricsSettings("127.0.0.1", taken.getLocalPort()), m));
            assertTrue(e.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        try (MetricsServer server = MetricsServer.start(new MetricsSettings("127.0.0.1", port), m)) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("camrtc_ros_receiver_reconnects_total"), metrics.body());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode());
            assertEquals("no session yet\n", health.body());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void settingsRefuseAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new MetricsSettings("127.0.0.1", 70000));
        assertFalse(MetricsSettings.off().enabled());
    }
}
