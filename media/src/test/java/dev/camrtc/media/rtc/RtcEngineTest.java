package dev.camrtc.media.rtc;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Engine lifecycle with real peer connections (inside scripts/netns-run.sh). */
@Tag("media")
class RtcEngineTest {

    private static final List<StreamDescription> ANNOUNCED = List.of(new StreamDescription("color", 320, 240, 30, "bgr8"));

    @Test
    void thirtyConnectCloseCyclesLeaveNoThreadsBehind() throws Exception {
        try (RtcEngine engine = new RtcEngine()) {
            VideoStreamSource color = engine.createVideoSource("color");
            MovingPattern pattern = new MovingPattern("color", 320, 240, PixelFormat.BGR8, 0);
            AtomicInteger frames = new AtomicInteger();
            for (int i = 0; i < 3; i++) { // warm-up: libwebrtc starts some threads lazily
                cycle(engine, color, pattern, frames, "warm" + i);
            }
            int before = nativeThreads();
            for (int i = 0; i < 30; i++) {
                cycle(engine, color, pattern, frames, "c" + i);
            }
            Thread.sleep(300); // let libwebrtc's task queues wind down
            int after = nativeThreads();
            org.slf4j.LoggerFactory.getLogger(RtcEngineTest.class).info(
                    "30 cycles: threads {} -> {}, codecs {}", before, after, engine.sendableCodecs());
            assertTrue(after <= before + 3, "threads " + before + " -> " + after);
            assertTrue(frames.get() >= 33, "every cycle carried frames: " + frames.get());
            assertEquals(0, color.senderCount());
        }
    }

    private static void cycle(RtcEngine engine, VideoStreamSource color, MovingPattern pattern, AtomicInteger frames,
                              String id) throws Exception {
        CompletableFuture<Void> gotFrame = new CompletableFuture<>();
        try (Loopback link = new Loopback(engine, id, List.of(color), ANNOUNCED, PeerSettings.defaults(), f -> {
            frames.incrementAndGet();
            gotFrame.complete(null);
        })) {
            link.awaitConnected();
            long deadline = System.currentTimeMillis() + 5000;
            while (!gotFrame.isDone() && System.currentTimeMillis() < deadline) {
                color.push(pattern.next());
                Thread.sleep(33);
            }
            assertTrue(gotFrame.isDone(), "cycle " + id + " received a frame");
        }
    }

    @Test
    void trickleDeliversCandidatesAndEndOfCandidates() throws Exception {
        try (RtcEngine engine = new RtcEngine()) {
            VideoStreamSource color = engine.createVideoSource("color");
            List<IceCandidate> candidates = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> end = new CompletableFuture<>();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            PeerSettings trickle = PeerSettings.defaults().withTrickle(true);
            OfferingPeer sender = engine.createOfferingPeer("r-t", List.of(), List.of(color), trickle, new PeerListener() {
                @Override
                public void onLocalCandidate(IceCandidate c) {
                    if (c == null) {
                        end.complete(null);
                    } else {
                        candidates.add(c);
                    }
                }

                @Override
                public void onConnectionStateChange(RTCPeerConnectionState s) {
                    if (s == RTCPeerConnectionState.CONNECTED) {
                        connected.complete(null);
                    }
                }
            });
            LocalOffer offer = sender.createOffer().get(10, SECONDS);
            assertFalse(offer.offer().sdp().contains("a=candidate:"), "a trickle offer goes out before gathering");
            end.get(10, SECONDS);
            assertFalse(candidates.isEmpty());
            assertTrue(candidates.stream().allMatch(c -> c.candidate().startsWith("candidate:") && c.sdpMid() != null),
                    candidates.toString());
            assertTrue(candidates.stream().noneMatch(c -> c.candidate().contains(" 127.0.0.1 ")), "no loopback");

            // the receiver trickles back straight into the sender (queued there until the answer is applied)
            AnsweringPeer receiver = engine.createAnsweringPeer("s-t", List.of(), trickle, new PeerListener() {
                @Override
                public void onLocalCandidate(IceCandidate c) {
                    sender.addRemoteCandidate(c);
                }
            }, f -> { });
            // and the sender's candidates arrive before the offer: queued, not refused
            candidates.forEach(receiver::addRemoteCandidate);
            receiver.addRemoteCandidate(null);
            SessionDescription answer = receiver.acceptOffer(offer.offer(), offer.streams(), ANNOUNCED).get(10, SECONDS);
            assertFalse(answer.sdp().contains("a=candidate:"));
            sender.applyAnswer(answer).get(10, SECONDS);
            connected.get(10, SECONDS);
            sender.close();
            receiver.close();
        }
    }

    @Test
    void closeReleasesOpenPeersAndSourcesInOrder() throws Exception {
        RtcEngine engine = new RtcEngine();
        VideoStreamSource color = engine.createVideoSource("color");
        Loopback link = new Loopback(engine, "open", List.of(color), ANNOUNCED, PeerSettings.defaults(), f -> { });
        link.awaitConnected();
        color.close(); // still sent by a peer: disposed later, pushing stops now
        assertFalse(color.push(new MovingPattern("color", 320, 240, PixelFormat.BGR8, 0).next()));
        engine.close(); // closes both peers, then the track and source, factory, audio module
        assertEquals(RTCPeerConnectionState.CLOSED, link.offering.connectionState());
        assertEquals(RTCPeerConnectionState.CLOSED, link.answering.connectionState());
        assertEquals(0, color.senderCount());
        link.close(); // idempotent
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.createVideoSource("x"));
    }

    @Test
    void badInputIsRefusedClearly() throws Exception {
        try (RtcEngine engine = new RtcEngine()) {
            VideoStreamSource color = engine.createVideoSource("color");
            assertThrows(IllegalArgumentException.class, () -> engine.createVideoSource("color"));
            assertThrows(IllegalArgumentException.class, () -> engine.createOfferingPeer("r", List.of(), List.of(),
                    PeerSettings.defaults(), PeerListener.NONE));
            assertThrows(IllegalArgumentException.class, () -> engine.createOfferingPeer("r", List.of(),
                    List.of(color, color), PeerSettings.defaults(), PeerListener.NONE));
            assertThrows(IllegalArgumentException.class, () -> engine.createOfferingPeer("r",
                    List.of(new IceServer(List.of(), null, null)), List.of(color), PeerSettings.defaults(), PeerListener.NONE));
            assertEquals(0, color.senderCount(), "refused peers hold no track");

            OfferingPeer peer = engine.createOfferingPeer("r", List.of(), List.of(color), PeerSettings.defaults(),
                    PeerListener.NONE);
            peer.createOffer().get(10, SECONDS);
            assertRefused(peer.applyAnswer(SessionDescription.offer("v=0")), "expected a session description of type answer");
            assertRefused(peer.applyAnswer(SessionDescription.answer("v=0\r\nnonsense\r\n")), "not valid SDP");

            AnsweringPeer receiver = engine.createAnsweringPeer("s", List.of(), PeerSettings.defaults(),
                    PeerListener.NONE, f -> { });
            assertRefused(receiver.acceptOffer(SessionDescription.offer("garbage"), List.of(), ANNOUNCED), "not valid SDP");
            LocalOffer offer = peer.createOffer().get(10, SECONDS);
            SessionDescription answer = receiver.acceptOffer(offer.offer(), offer.streams(), ANNOUNCED).get(10, SECONDS);
            peer.applyAnswer(answer).get(10, SECONDS);
            java.util.concurrent.ExecutionException late = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> peer.applyAnswer(answer).get(10, SECONDS)); // an answer in state stable
            assertTrue(late.getCause().getMessage().contains("set remote"), late.getCause().getMessage());
            receiver.close();
            peer.close();
            assertEquals(0, color.senderCount());
        }
    }

    @Test
    void iceServersMapToRtcFormAndCodecsAreListed() {
        List<RTCIceServer> rtc = RtcEngine.toRtc(List.of(
                new IceServer(List.of("turn:turn.example.org:3478", "turns:turn.example.org:5349"), "u", "p")));
        assertEquals(List.of("turn:turn.example.org:3478", "turns:turn.example.org:5349"), rtc.get(0).urls);
        assertEquals("u", rtc.get(0).username);
        assertEquals("p", rtc.get(0).password);
        assertTrue(RtcEngine.toRtc(null).isEmpty());
        try (RtcEngine engine = new RtcEngine()) {
            List<VideoCodec> codecs = engine.sendableCodecs();
            assertTrue(codecs.containsAll(List.of(VideoCodec.VP8, VideoCodec.H264)), codecs.toString());
        }
    }

    private static void assertRefused(CompletableFuture<?> f, String message) {
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> f.get(5, SECONDS));
        assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
        assertTrue(e.getCause().getMessage().contains(message), e.getCause().getMessage());
    }

    private static int nativeThreads() {
        String[] tasks = new File("/proc/self/task").list();
        return tasks == null ? Thread.activeCount() : tasks.length;
    }
}
