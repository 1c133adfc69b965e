package dev.camrtc.ros.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.ros.publish.PublishObserver;
import dev.camrtc.ros.session.SessionState.Phase;
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
}
