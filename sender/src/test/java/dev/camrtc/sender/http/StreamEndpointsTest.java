package dev.camrtc.sender.http;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.hub.FrameHub;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streaming under load on loopback: 10 clients at the camera's full rate (every frame the camera delivers,
 * 30 fps on an idle machine) with each frame encoded once, a stalled client that neither slows the others
 * nor queues frames, and the client limit. Bounded: about 15 s in all.
 */
class StreamEndpointsTest {

    private TestPatternSource source;
    private FrameHub hub;
    private SenderHttpServer server;

    private void start(HttpConfig config) {
        source = new TestPatternSource(TestPatternOptions.defaults("load-test"));
        hub = FrameHub.start("load-test", source);
        server = SenderHttpServer.start(config, hub, hub.streams(), source.controls());
    }

    private static HttpConfig config() {
        return HttpConfig.of("load-test", "127.0.0.1", 0, Optional.empty());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            hub.close();
            source.close();
        }
    }

    /**
     * {@code clients} clients read {@code stream} for {@code seconds} after their first part; returns, per
     * client, the share of the frames encoded meanwhile that it received (1.0 = every frame the camera
     * delivered). Relative, because on a loaded machine the camera itself may run below its nominal rate.
     */
    private double[] watch(int clients, String stream, double seconds) throws Exception {
        double[] share = new double[clients];
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                try (RawHttpClient c = RawHttpClient.get(server.port(), "/" + stream + ".mjpg", "", true)) {
                    assertEquals(200, c.status);
                    MultipartReader parts = new MultipartReader(c.body, "frame");
                    Jpegs.decode(parts.next().body());
                    long encodedBefore = server.framesEncoded(stream);
                    long end = System.nanoTime() + (long) (seconds * 1e9);
                    int n = 0;
                    while (System.nanoTime() < end) {
                        parts.next();
                        n++;
                    }
                    long encoded = server.framesEncoded(stream) - encodedBefore;
                    assertTrue(encoded >= 5 * seconds, "the camera delivered only " + encoded + " frames");
                    share[k] = (n + 2.0) / encoded;
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "mjpeg-test-client-" + i);
            t.start();
        }
        assertTrue(done.await((long) (seconds + 20), TimeUnit.SECONDS), "clients finished");
        assertEquals(List.of(), failures);
        return share;
    }

    @Test
    void tenClientsGetTheFullFrameRateFromOneEncodingPerFrame() throws Exception {
        start(config());
        long encodedBefore = server.framesEncoded("color");
        double[] share = watch(10, "color", 3.0);
        long encoded = server.framesEncoded("color") - encodedBefore;
        for (double f : share) {
            assertTrue(f >= 0.9, "every client gets the camera's full rate: " + java.util.Arrays.toString(share));
        }
        assertTrue(encoded <= 31 * 6, "each frame encoded once, not per client: " + encoded + " encodings");
        assertTrue(server.meanEncodeMillis("color") > 0);
    }

    @Test
    void aStalledClientNeitherSlowsTheOthersNorQueuesFrames() throws Exception {
        start(config().withWriteTimeout(Duration.ofSeconds(2)));
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
        stalled.getOutputStream().write(HttpLines.ascii("GET /rgb.mjpg HTTP/1.1\r\nHost: x\r\n\r\n"));
        SenderHttpServerTest.waitFor(() -> server.clientCount() == 1, "stalled client streaming");
        try {
            double[] share = watch(3, "color", 3.0);
            for (double f : share) {
                assertTrue(f >= 0.9, "the others keep the camera's full rate: " + java.util.Arrays.toString(share));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.clientCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, server.clientCount(), "the stalled client was dropped after the write timeout");
            assertTrue(server.framesSkipped() >= 30, "the stalled client skipped frames instead of queueing them: "
                    + server.framesSkipped());
            SenderHttpServerTest.waitFor(() -> source.demand().isEmpty(), "nothing captured once everyone left");
        } finally {
            stalled.close();
        }
    }

    @Test
    void clientsBeyondTheLimitGet503() throws Exception {
        start(config().withMaxClients(2));
        List<RawHttpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RawHttpClient c = RawHttpClient.get(server.port(), "/rgb.mjpg", "", true);
                assertEquals(200, c.status);
                new MultipartReader(c.body, "frame").next();
                open.add(c);
            }
            try (RawHttpClient third = RawHttpClient.get(server.port(), "/stereo.mjpg", "Connection: close\r\n", true)) {
                assertEquals(503, third.status);
                assertTrue(new String(third.body.readAllBytes()).contains("too many MJPEG clients (limit 2)"));
            }
            open.remove(0).close();
            SenderHttpServerTest.waitFor(() -> server.clientCount() == 1, "one left");
            try (RawHttpClient again = RawHttpClient.get(server.port(), "/stereo.mjpg", "", true)) {
                assertEquals(200, again.status);
            }
        } finally {
            for (RawHttpClient c : open) {
                c.close();
            }
        }
    }
}
