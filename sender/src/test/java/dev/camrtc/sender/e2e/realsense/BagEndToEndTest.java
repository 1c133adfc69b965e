package dev.camrtc.sender.e2e.realsense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.rtc.AnsweringPeer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.ReceivedFrame;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.SignalingClient;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.realsense.RealSenseStream;
import dev.camrtc.sender.camera.realsense.RealSenseTestRecording;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 end to end: a RealSense recording written at test time ({@link RealSenseTestRecording}), played
 * by a real sender ({@code --source bag:FILE}) through a real signaling server; a Java receiver over real
 * WebRTC (inside scripts/netns-run.sh) and an MJPEG client see the recorded frames, and the announced
 * streams carry the recording's intrinsics.
 */
@Tag("media")
class BagEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(BagEndToEndTest.class);
    private static final String NAME = "bag-cam";
    private static final int FRAMES = 10;
    private static final int SAMPLES = 12;
    private static final long T = 15;

    @TempDir
    static Path dir;
    private static SignalingServer server;
    private static RunningSender sender;

    @BeforeAll
    static void start() throws java.io.IOException {
        Path bag = dir.resolve("d435.bag");
        RealSenseTestRecording.write(bag, FRAMES);
        server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
        sender = RunningSender.start(SenderConfig.parse(new String[] {
            "--server", "ws://127.0.0.1:" + server.port(), "--name", NAME, "--mjpeg-port", String.valueOf(freePort()), "--mjpeg-bind", "127.0.0.1",
            "--source", "bag:" + bag, "--enable-depth"}));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDepthReceiverGetsEveryRecordedDepthPixelLosslessly() throws Exception {
        BlockingQueue<byte[]> depth = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicReference<String> header = new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<SenderInfo> announced = new CompletableFuture<>();
        CompletableFuture<Offer> offered = new CompletableFuture<>();
        SignalingClient.Listener events = (Message m) -> {
            if (m instanceof SenderInfo s && NAME.equals(s.name()) && s.streams() != null) {
                announced.complete(s);
            } else if (m instanceof Offer o) {
                offered.complete(o);
            }
        };
        dev.camrtc.media.depth.DepthFrameCodec codec = new dev.camrtc.media.depth.DepthFrameCodec();
        try (RtcEngine engine = new RtcEngine();
             SignalingClient client = SignalingClient.connect(
                     SignalingOptions.receiver(URI.create("ws://127.0.0.1:" + server.port()), null), events)) {
            SenderInfo info = announced.get(T, TimeUnit.SECONDS);
            StreamDescription d = info.streams().stream().filter(x -> x.name().equals("depth_z16")).findFirst()
                    .orElseThrow(() -> new AssertionError("no depth_z16 in " + info));
            assertEquals("16UC1", d.encoding());
            assertEquals("datachannel", d.transport());
            assertEquals(0.001, d.depthUnits());
            assertEquals(RealSenseTestRecording.INTRINSICS.get(RealSenseStream.DEPTH), d.intrinsics());
            client.send(RequestOffer.toSender(info.senderId(), List.of("depth_z16")));
            Offer offer = offered.get(T, TimeUnit.SECONDS);
            try (AnsweringPeer peer = engine.createAnsweringPeer(info.senderId(), client.registered().iceServers(),
                    PeerSettings.defaults(), new PeerListener() { }, f -> { }, f -> {
                        java.nio.ByteBuffer px = java.nio.ByteBuffer.allocate(f.header().rawBytes());
                        f.decodeInto(codec, px);
                        header.set(f.header().toString());
                        depth.add(px.array());
                    })) {
                SessionDescription answer = peer.acceptOffer(offer.offer(), offer.streams(), info.streams())
                        .get(T, TimeUnit.SECONDS);
                client.send(Answer.toSender(info.senderId(), answer, offer.sessionId()));
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (int n = 0; n < 2 * FRAMES; n++) {
                    byte[] got = depth.poll(T, TimeUnit.SECONDS);
                    assertTrue(got != null, "depth frame " + n + " within " + T + " s (last " + header.get() + ")");
                    int index = java.nio.ByteBuffer.wrap(got).getInt(0);
                    assertTrue(index >= -1 && index < FRAMES, "recorded frame index " + index + " (-1: the warm-up frame)");
                    assertTrue(java.util.Arrays.equals(RealSenseTestRecording.expectedPixels(RealSenseStream.DEPTH, index),
                            got), "depth frame " + index + " is bit-exact");
                    seen.add(index);
                }
                assertTrue(seen.size() >= FRAMES / 2, "distinct recorded depth frames: " + seen);
            }
        }
    }

    @Test
    void aWebRtcReceiverGetsTheRecordedFramesAndIntrinsics() throws Exception {
        Map<String, BlockingQueue<byte[]>> received = new ConcurrentHashMap<>();
        CompletableFuture<SenderInfo> announced = new CompletableFuture<>();
        CompletableFuture<Offer> offered = new CompletableFuture<>();
        SignalingClient.Listener events = (Message m) -> {
            if (m instanceof SenderInfo s && NAME.equals(s.name()) && s.streams() != null) {
                announced.complete(s);
            } else if (m instanceof Offer o) {
                offered.complete(o);
            }
        };
        try (RtcEngine engine = new RtcEngine();
             SignalingClient client = SignalingClient.connect(
                     SignalingOptions.receiver(URI.create("ws://127.0.0.1:" + server.port()), null), events)) {
            SenderInfo info = announced.get(T, TimeUnit.SECONDS);
            for (RealSenseStream s : List.of(RealSenseStream.COLOR, RealSenseStream.INFRARED)) {
                StreamDescription d = info.streams().stream().filter(x -> x.name().equals(s.streamName()))
                        .findFirst().orElseThrow(() -> new AssertionError("no " + s.streamName() + " in " + info));
                assertEquals(RealSenseTestRecording.INTRINSICS.get(s), d.intrinsics(), s + " intrinsics");
                assertEquals(640, d.width());
                assertEquals(480, d.height());
            }
            client.send(RequestOffer.toSender(info.senderId(), List.of("color", "infrared")));
            Offer offer = offered.get(T, TimeUnit.SECONDS);
            try (AnsweringPeer peer = engine.createAnsweringPeer(info.senderId(), client.registered().iceServers(),
                    PeerSettings.defaults(), new PeerListener() { }, f -> keep(received, f))) {
                SessionDescription answer = peer.acceptOffer(offer.offer(), offer.streams(), info.streams())
                        .get(T, TimeUnit.SECONDS);
                client.send(Answer.toSender(info.senderId(), answer, offer.sessionId()));
                for (RealSenseStream s : List.of(RealSenseStream.COLOR, RealSenseStream.INFRARED)) {
                    assertShowsRecordedFrames("WebRTC", s, take(received, s.streamName()));
                }
            }
        }
    }

    @Test
    void anMjpegClientGetsTheRecordedFrames() throws Exception {
        int port = sender.mjpeg().orElseThrow().port();
        for (RealSenseStream s : List.of(RealSenseStream.COLOR, RealSenseStream.INFRARED)) {
            List<byte[]> pictures = MjpegPictures.read(port, "/" + s.streamName() + ".mjpg", SAMPLES,
                    s.pixelFormat().bytesPerPixel(), T);
            assertShowsRecordedFrames("MJPEG", s, pictures);
        }
    }

    /** Every sample is clearly one recorded frame, of the right stream, and they move forward through the loop. */
    private static void assertShowsRecordedFrames(String path, RealSenseStream s, List<byte[]> pictures) {
        RecordedFrames recorded = new RecordedFrames(s, FRAMES);
        List<Integer> indices = new ArrayList<>();
        for (byte[] p : pictures) {
            RecordedFrames.Match m = recorded.match(p);
            LOG.info("{} {}: {}", path, s.streamName(), m);
            assertTrue(m.clear(), path + " " + s.streamName() + " picture is no recorded frame: " + m);
            indices.add(m.index());
        }
        // the recording loops over FRAMES + 1 positions (-1 .. FRAMES-1); a forward step is 1..5 positions
        // (a busy machine may skip a few), never a step back, and a repeated picture at most once: MJPEG repeats
        // the last picture as a keepalive when no frame came for 2 s (StreamEndpoints.KEEPALIVE), which a loaded
        // machine stalling the playback caused once ([... 9, 0, 0, 1 ...])
        int positions = FRAMES + 1;
        long forward = 0;
        int repeats = 0;
        for (int i = 1; i < indices.size(); i++) {
            int step = Math.floorMod(indices.get(i) - indices.get(i - 1), positions);
            repeats += step == 0 ? 1 : 0;
            forward += step >= 1 && step <= 5 ? 1 : 0;
        }
        assertTrue(repeats <= 1, path + " " + s.streamName() + ": pictures repeated, frames seen " + indices);
        assertTrue(forward >= indices.size() - 3 - repeats,
                path + " " + s.streamName() + ": the recording plays forward, frames seen " + indices);
    }

    private static void keep(Map<String, BlockingQueue<byte[]>> received, ReceivedFrame f) {
        BlockingQueue<byte[]> q = received.computeIfAbsent(f.frame().stream(), k -> new LinkedBlockingQueue<>());
        if (q.size() >= 4 * SAMPLES) {
            return;
        }
        ByteBuffer b = f.frame().buffer().duplicate();
        b.position(0);
        byte[] copy = new byte[f.frame().width() * f.frame().height() * f.frame().format().bytesPerPixel()];
        b.get(copy);
        q.add(copy);
    }

    /** {@link #SAMPLES} frames of a stream, after the first few (the decoder's first key frame settles). */
    private static List<byte[]> take(Map<String, BlockingQueue<byte[]>> received, String stream)
            throws InterruptedException {
        List<byte[]> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(T);
        int skipped = 0;
        while (out.size() < SAMPLES) {
            BlockingQueue<byte[]> q = received.computeIfAbsent(stream, k -> new LinkedBlockingQueue<>());
            byte[] p = q.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (p == null) {
                throw new AssertionError(stream + ": " + out.size() + " of " + SAMPLES + " frames within " + T + " s");
            }
            if (skipped++ >= 5) {
                out.add(p);
            }
        }
        return out;
    }
}
