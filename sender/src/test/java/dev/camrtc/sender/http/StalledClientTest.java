package dev.camrtc.sender.http;

import dev.camrtc.sender.http.mjpeg.StreamEndpoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.hub.FrameHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PROTOCOL.md section 5: a client that stops reading for several seconds and then resumes gets a live
 * frame (under 1 s old) within 1 s of resuming. A real socket with the kernel's default (autotuned)
 * buffers reads {@code /rgb.mjpg} like a viewer that decodes up to 50 frames/s, stops reading for 6 s (under
 * the 10 s write timeout), then reads on; each part's frame stamp (PROTOCOL.md 7) gives the frame's age.
 */
class StalledClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(StalledClientTest.class);
    private static final long STALL_MILLIS = 6000;
    private static final long READ_PERIOD_MILLIS = 20;

    private TestPatternSource source;
    private FrameHub hub;
    private SenderHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            hub.close();
            source.close();
        }
    }

    /** The kernel's default, autotuned client buffers: what a browser or OpenCV client has. */
    @Test
    void aClientThatResumesReadingGetsALiveFrameWithinASecond() throws Exception {
        List<String> seen = stallAndResume(null);
        LOG.info("default client buffers, after resuming: {}", seen);
    }

    /**
     * A client with a small receive buffer, so that what waits for it is (nearly) all on the sender's side:
     * about two frames (the kernel send buffer) plus the one being written, then the live one.
     */
    @Test
    void theSenderKeepsAboutTwoFramesForAStalledClient() throws Exception {
        List<String> seen = stallAndResume(16 * 1024);
        // two frames in the send buffer (more when frames shrink), the one being written, about one in the
        // client's 16 KiB receive buffer (Linux doubles it), then the live one; without the cap: over a hundred
        assertTrue(seen.size() <= 6, "at most about two frames (+ the one being written) waited in the sender's "
                + "buffers before the live one: " + seen);
    }

    /** Returns, per part read after resuming until the first live one: time since resuming and frame age. */
    private List<String> stallAndResume(Integer clientReceiveBuffer) throws Exception {
        source = new TestPatternSource(TestPatternOptions.defaults("stall"));
        hub = FrameHub.start("stall", source);
        server = SenderHttpServer.start(HttpConfig.of("stall", "127.0.0.1", 0, Optional.empty()), hub, hub.streams(),
                source.controls());
        try (RawHttpClient c = RawHttpClient.get(server.port(), "/rgb.mjpg", "", true, clientReceiveBuffer)) {
            assertEquals(200, c.status);
            MultipartReader parts = new MultipartReader(c.body, StreamEndpoints.BOUNDARY);
            long started = System.currentTimeMillis();
            int before = 0;
            while (System.currentTimeMillis() - started < 2000) { // a normal viewer first: buffers settle
                Thread.sleep(Math.max(0, started + before * READ_PERIOD_MILLIS - System.currentTimeMillis()));
                parts.next();
                before++;
            }
            Thread.sleep(STALL_MILLIS);

            // Read on like a viewer that decodes up to 50 frames/s (faster than the camera's 30, but not
            // instantly): one part per 20 ms at most, before and after the stall. Stamps are decoded afterwards, so decoding on a loaded machine does not slow the reading.
            long resumed = System.currentTimeMillis();
            List<Long> arrivedAt = new ArrayList<>();
            List<byte[]> jpegs = new ArrayList<>();
            while (System.currentTimeMillis() - resumed < 3000) {
                Thread.sleep(Math.max(0, resumed + arrivedAt.size() * READ_PERIOD_MILLIS - System.currentTimeMillis()));
                jpegs.add(parts.next().body());
                arrivedAt.add(System.currentTimeMillis());
            }
            List<String> seen = new ArrayList<>();
            long liveAfter = -1;
            for (int i = 0; i < jpegs.size() && liveAfter < 0; i++) {
                long captured = captureTime(jpegs.get(i));
                long age = captured < 0 ? -1 : arrivedAt.get(i) - captured;
                seen.add((arrivedAt.get(i) - resumed) + "ms:age" + age + ":" + jpegs.get(i).length + "B");
                if (age >= 0 && age < 1000) {
                    liveAfter = arrivedAt.get(i) - resumed;
                }
            }
            LOG.debug("{} parts before the stall", before);
            assertTrue(liveAfter >= 0 && liveAfter <= 1000, "a live frame (< 1 s old) within 1 s of resuming; "
                    + "parts after resuming (time since resume: frame age): " + seen);
            return seen;
        }
    }

    /** The part's capture time (ms since the epoch) from its frame stamp; -1 without a stamp. */
    private static long captureTime(byte[] jpeg) {
        return Jpegs.stamp(Jpegs.decode(jpeg)).map(FrameStamp.Stamp::captureTimeMillis).orElse(-1L);
    }
}
