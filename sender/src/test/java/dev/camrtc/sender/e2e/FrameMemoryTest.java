package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.hub.FrameHub;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guards the frame memory mechanism (issue 9): a few hundred frames of both streams through the real hub to
 * a real WebRTC receiver and a real MJPEG client leave each stream's pool with no more buffers than frames
 * can be in flight at once (captured, parked for the JPEG encoder, being encoded), every frame goes back
 * when the consumers leave, and releasing a frame twice throws.
 */
@Tag("media")
class FrameMemoryTest {

    private static final Duration T = Duration.ofSeconds(60);
    /** Capture + MJPEG parked + MJPEG encoding, plus one of slack for a frame between hand-overs. */
    private static final int MAX_IN_FLIGHT = 4;

    @Test
    void poolsStayAtTheFramesInFlightThroughHubMjpegAndWebRtc() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (SenderFixture fixture = SenderFixture.start("--mjpeg-port", String.valueOf(port), "--mjpeg-bind", "127.0.0.1")) {
            TestPatternSource source = (TestPatternSource) fixture.sender().source();
            int mjpegPort = fixture.sender().mjpeg().orElseThrow().port();
            AtomicLong jpegs = new AtomicLong();
            AtomicReference<Socket> mjpeg = new AtomicReference<>();
            Thread reader = new Thread(() -> readMjpeg(mjpegPort, jpegs, mjpeg), "mjpeg-test-client");
            reader.setDaemon(true);
            reader.start();
            TestReceiver r = fixture.receiver();
            SenderInfo cam = fixture.awaitSender(r);
            TestReceiver.Watch w = r.watch(cam.senderId(), List.of("color", "infrared"));
            w.awaitFrames("color", 300, T);
            w.awaitFrames("infrared", 300, T);
            long deadline = System.nanoTime() + T.toNanos();
            while (jpegs.get() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(jpegs.get() >= 100, "the MJPEG client read " + jpegs.get() + " JPEGs");
            for (String s : List.of("color", "infrared")) {
                int buffers = source.pooledBuffers(s);
                assertTrue(buffers >= 1 && buffers <= MAX_IN_FLIGHT,
                        s + ": after 300+ frames the pool holds " + buffers + " buffers (at most " + MAX_IN_FLIGHT + ")");
            }

            r.hangup(cam.senderId());
            mjpeg.get().close();
            fixture.awaitSessions(0, T);
            while (!fixture.sender().hub().demand().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(java.util.Set.of(), fixture.sender().hub().demand());
            while ((source.framesInFlight("color") > 0 || source.framesInFlight("infrared") > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, source.framesInFlight("color"), "every color frame went back to its pool");
            assertEquals(0, source.framesInFlight("infrared"), "every infrared frame went back to its pool");
        }
    }

    @Test
    void aConsumerThatReleasesTwiceGetsAnError() throws Exception {
        try (SenderFixture fixture = SenderFixture.start()) {
            FrameHub hub = fixture.sender().hub();
            AtomicReference<CameraFrame> kept = new AtomicReference<>();
            try (FrameHub.Subscription sub = hub.subscribe("color", f -> kept.compareAndSet(null, f.retain()))) {
                long deadline = System.nanoTime() + T.toNanos();
                while (kept.get() == null && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            CameraFrame f = kept.get();
            assertTrue(f != null, "a frame arrived");
            f.pixels(); // still ours
            f.release();
            assertThrows(IllegalStateException.class, f::release, "double release");
            assertThrows(IllegalStateException.class, f::pixels, "use after release");
        }
    }

    /** Reads /rgb.mjpg counting JPEG end markers (FF D9: never inside entropy-coded data) until closed. */
    private static void readMjpeg(int port, AtomicLong jpegs, AtomicReference<Socket> socket) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            socket.set(s);
            OutputStream out = s.getOutputStream();
            out.write(("GET /rgb.mjpg HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int prev = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (prev == 0xFF && b == 0xD9) {
                        jpegs.incrementAndGet();
                    }
                    prev = b;
                }
            }
        } catch (Exception e) {
            // closed by the test
        }
    }
}
