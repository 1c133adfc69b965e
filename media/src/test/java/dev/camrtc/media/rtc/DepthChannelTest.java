package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCDataChannel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md 8 over real WebRTC data channels between an OfferingPeer and an AnsweringPeer in one JVM
 * (inside scripts/netns-run.sh): test-pattern depth frames, every pixel checked; skipping under backpressure.
 */
@Tag("media")
class DepthChannelTest {

    private static final int W = 640;
    private static final int H = 480;
    private static final String DEPTH = "depth_z16";
    private static final List<StreamDescription> ANNOUNCED = List.of(
            new StreamDescription("color", W, H, 30, "bgr8"),
            StreamDescription.depthDataChannel(DEPTH, W, H, 30, DepthTestPattern.DEPTH_UNITS));

    private static RtcEngine engine;

    @BeforeAll
    static void start() {
        engine = new RtcEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Checks every pixel of every delivered frame against the pattern of its counter. */
    static final class Checker implements DepthFrameListener {
        final DepthFrameCodec codec = new DepthFrameCodec();
        final ByteBuffer pixels = ByteBuffer.allocate(W * H * 2);
        final List<Long> counters = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final Map<DepthCodec, AtomicInteger> codecs = new ConcurrentHashMap<>();
        volatile long lastLatency = -1;

        @Override
        public void onDepthFrame(ReceivedDepthFrame f) {
            try {
                if (!f.stream().equals(DEPTH) || f.header().width() != W || f.header().height() != H) {
                    failures.add("unexpected frame " + f.stream() + " " + f.header());
                    return;
                }
                f.decodeInto(codec, pixels);
                String mismatch = DepthTestPattern.firstMismatch(pixels, W, H, f.header().counter());
                if (mismatch != null) {
                    failures.add("frame " + f.header().counter() + ": " + mismatch);
                }
                if (f.header().captureTimeMicros() != captureMicros(f.header().counter())) {
                    failures.add("frame " + f.header().counter() + ": capture time " + f.header().captureTimeMicros());
                }
                codecs.computeIfAbsent(f.header().codec(), c -> new AtomicInteger()).incrementAndGet();
                counters.add(f.header().counter());
                lastLatency = f.latencyMillis();
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
        }
    }

    static long captureMicros(long counter) {
        return 1_700_000_000_000_000L + counter * 33_333;
    }

    /** Encodes test-pattern frames once each, as a sender would for all its sessions. */
    static final class Source {
        final DepthFrameCodec codec = new DepthFrameCodec();
        final ByteBuffer depth = ByteBuffer.allocateDirect(W * H * 2);
        final byte[] payload = new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)];
        DepthFrameHeader header;
        int length;

        void frame(long n, DepthCodec kind) {
            DepthTestPattern.fill(depth, W, H, n);
            length = codec.encode(kind, depth, W, H, payload, 0);
            header = new DepthFrameHeader(n, captureMicros(n), W, H, kind);
        }
    }

    @Test
    void depthFramesArriveExactOnAnOrderedReliableChannelBesideTheVideo() throws Exception {
        VideoStreamSource color = engine.createVideoSource("color");
        Checker checker = new Checker();
        try (Loopback link = new Loopback(engine, "depth", List.of(color), List.of(DEPTH), ANNOUNCED,
                PeerSettings.defaults(), f -> { }, checker)) {
            // the offer maps only the video m-line; the data channel is found by label
            assertEquals(List.of(new StreamMid("0", "color")), link.offer.streams());
            assertTrue(link.offer.offer().sdp().contains("m=application"), "the offer has a data channel");
            DepthChannelSender sender = link.offering.depthChannels().get(DEPTH);
            assertEquals(List.of(DEPTH), List.copyOf(link.offering.depthChannels().keySet()));
            RTCDataChannel channel = sender.channel();
            assertEquals(DEPTH, channel.getLabel());
            assertTrue(channel.isOrdered(), "ordered");
            assertTrue(channel.isReliable(), "reliable: no maxRetransmits, no maxPacketLifeTime");
            assertFalse(channel.isNegotiated(), "negotiated in band");
            link.awaitConnected();
            await(sender::isOpen, "channel open");

            Source source = new Source();
            int sent = 0;
            for (long n = 0; n < 60; n++) {
                source.frame(n, n % 3 == 2 ? DepthCodec.RAW : DepthCodec.RVL);
                DepthChannelSender.Result r = sender.send(source.header, source.payload, 0, source.length);
                if (r == DepthChannelSender.Result.SENT) {
                    sent++;
                }
                Thread.sleep(33);
            }
            int sentFrames = sent;
            await(() -> link.answering.depthCounters().getOrDefault(DEPTH, ZERO).framesReceived() >= sentFrames,
                    "every sent frame received");
            await(() -> checker.counters.size() + link.answering.depthCounters().get(DEPTH).framesSkipped() >= sentFrames,
                    "delivered or skipped");
            assertEquals(List.of(), checker.failures);
            DepthChannelCounters c = link.answering.depthCounters().get(DEPTH);
            assertEquals(sentFrames, c.framesReceived(), c.toString());
            assertEquals(0, c.framesDropped(), c.toString());
            assertEquals(0, c.chunksDropped(), c.toString());
            assertTrue(sentFrames >= 50, "sent " + sentFrames + " of 60 at 30 fps (skipped " + sender.framesSkipped() + ")");
            assertTrue(checker.counters.size() >= sentFrames * 0.8, checker.counters.size() + " delivered");
            assertTrue(checker.codecs.get(DepthCodec.RAW).get() > 0 && checker.codecs.get(DepthCodec.RVL).get() > 0,
                    checker.codecs.toString());
            long previous = -1;
            for (long n : checker.counters) {
                assertTrue(n > previous, "in order: " + checker.counters);
                previous = n;
            }
            assertTrue(checker.lastLatency >= 0, "latency " + checker.lastLatency);
        } finally {
            color.close();
        }
    }

    @Test
    void framesAreSkippedWholeUnderBackpressureAndNeverArrivePartial() throws Exception {
        Checker checker = new Checker();
        try (Loopback link = new Loopback(engine, "pressure", List.of(), List.of(DEPTH), ANNOUNCED,
                PeerSettings.defaults(), f -> { }, checker)) {
            assertEquals(List.of(), link.offer.streams());
            DepthChannelSender sender = link.offering.depthChannels().get(DEPTH);
            link.awaitConnected();
            await(sender::isOpen, "channel open");
            Source source = new Source();
            int sent = 0;
            int skipped = 0;
            long maxBuffered = 0;
            long frameBytes = 0;
            // raw frames (614 KB + 10 headers) as fast as the loop runs: far faster than the link drains
            for (long n = 0; n < 400; n++) {
                source.frame(n, DepthCodec.RAW);
                frameBytes = source.length + 10L * 24;
                DepthChannelSender.Result r = sender.send(source.header, source.payload, 0, source.length);
                if (r == DepthChannelSender.Result.SENT) {
                    sent++;
                } else if (r == DepthChannelSender.Result.SKIPPED) {
                    skipped++;
                }
                maxBuffered = Math.max(maxBuffered, sender.bufferedAmount());
            }
            assertTrue(skipped > 0, "some frames skipped: sent " + sent + ", skipped " + skipped);
            assertTrue(maxBuffered <= 2 * frameBytes, "at most two frames queued: " + maxBuffered);
            assertEquals(skipped, sender.framesSkipped());
            int sentFrames = sent;
            await(() -> link.answering.depthCounters().getOrDefault(DEPTH, ZERO).framesReceived() >= sentFrames,
                    "every sent frame received whole");
            DepthChannelCounters c = link.answering.depthCounters().get(DEPTH);
            assertEquals(sentFrames, c.framesReceived(), c.toString());
            assertEquals(0, c.framesDropped(), "no partial frame: " + c);
            assertEquals(List.of(), checker.failures);
        }
    }

    @Test
    void aChannelThatWasNotAnnouncedIsClosedByTheReceiver() throws Exception {
        Checker checker = new Checker();
        List<StreamDescription> videoOnly = List.of(ANNOUNCED.get(0));
        try (Loopback link = new Loopback(engine, "unannounced", List.of(), List.of("bogus"), videoOnly,
                PeerSettings.defaults(), f -> { }, checker)) {
            DepthChannelSender sender = link.offering.depthChannels().get("bogus");
            link.awaitConnected();
            // the receiver closes it as soon as it opens: it never stays open, nothing is received
            await(() -> sender.channel().getState() == dev.onvoid.webrtc.RTCDataChannelState.CLOSED,
                    "closed by the receiver");
            assertEquals(Map.of(), link.answering.depthCounters());
            Source source = new Source();
            source.frame(1, DepthCodec.RVL);
            assertEquals(DepthChannelSender.Result.NOT_OPEN, sender.send(source.header, source.payload, 0, source.length));
        }
        assertEquals(List.of(), checker.failures);
    }

    @Test
    void closingWhileDepthFlowsIsCleanInEitherOrder() throws Exception {
        for (int round = 0; round < 4; round++) {
            Checker checker = new Checker();
            Loopback link = new Loopback(engine, "close" + round, List.of(), List.of(DEPTH), ANNOUNCED,
                    PeerSettings.defaults(), f -> { }, checker);
            DepthChannelSender sender = link.offering.depthChannels().get(DEPTH);
            link.awaitConnected();
            await(sender::isOpen, "channel open");
            List<Throwable> sendErrors = new CopyOnWriteArrayList<>();
            Thread camera = new Thread(() -> {
                Source source = new Source();
                for (long n = 0; !Thread.currentThread().isInterrupted(); n++) {
                    try {
                        source.frame(n, DepthCodec.RVL);
                        sender.send(source.header, source.payload, 0, source.length);
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        sendErrors.add(e);
                    }
                }
            });
            camera.start();
            await(() -> checker.counters.size() >= 5, "frames flowing");
            if (round % 2 == 0) {
                link.answering.close();
                link.offering.close();
            } else {
                link.offering.close();
                link.answering.close();
            }
            assertFalse(sender.isOpen());
            int delivered = checker.counters.size();
            Thread.sleep(200);
            camera.interrupt();
            camera.join(5000);
            assertEquals(delivered, checker.counters.size(), "no frames after close");
            assertEquals(List.of(), sendErrors, "send after close answers NOT_OPEN, never throws");
            assertEquals(List.of(), checker.failures);
        }
    }

    private static final DepthChannelCounters ZERO = new DepthChannelCounters(0, 0, 0, 0, 0);

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
