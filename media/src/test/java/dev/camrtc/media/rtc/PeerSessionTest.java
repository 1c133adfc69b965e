package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real WebRTC between an OfferingPeer and an AnsweringPeer in one JVM (inside scripts/netns-run.sh). */
@Tag("media")
class PeerSessionTest {

    private static final int W = 640;
    private static final int H = 480;
    private static final long IR_BASE = 1_000_000;
    private static final List<StreamDescription> ANNOUNCED = List.of(
            new StreamDescription("color", W, H, 30, "bgr8"),
            new StreamDescription("infrared", W, H, 30, "mono8"));

    private static RtcEngine engine;
    private static VideoStreamSource color;
    private static VideoStreamSource infrared;
    private static ScheduledExecutorService camera;

    @BeforeAll
    static void start() {
        engine = new RtcEngine();
        color = engine.createVideoSource("color");
        infrared = engine.createVideoSource("infrared");
        MovingPattern colorPattern = new MovingPattern("color", W, H, PixelFormat.BGR8, 0);
        MovingPattern irPattern = new MovingPattern("infrared", W, H, PixelFormat.MONO8, IR_BASE);
        camera = Executors.newSingleThreadScheduledExecutor();
        camera.scheduleAtFixedRate(() -> {
            color.push(colorPattern.next());
            infrared.push(irPattern.next());
        }, 0, 33, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        camera.shutdownNow();
        camera.awaitTermination(2, TimeUnit.SECONDS);
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(value = VideoCodec.class, names = {"VP8", "H264"})
    void twoStreamsArriveNamedStampedAtFullRate(VideoCodec codec) throws Exception {
        Map<String, List<ReceivedFrame>> frames = new ConcurrentHashMap<>();
        PeerSettings settings = PeerSettings.defaults().withCodec(codec);
        try (Loopback link = new Loopback(engine, codec.name(), List.of(color, infrared), ANNOUNCED, settings,
                f -> frames.computeIfAbsent(f.frame().stream(), k -> new CopyOnWriteArrayList<>()).add(f))) {
            assertEquals(List.of(new StreamMid("0", "color"), new StreamMid("1", "infrared")), link.offer.streams());
            assertTrue(link.offer.offer().sdp().contains("a=sendonly"));
            assertTrue(link.offer.offer().sdp().contains("a=candidate:"), "non-trickle offer holds its candidates");
            assertTrue(link.answer.sdp().contains("a=recvonly"));
            link.awaitConnected();
            Thread.sleep(500); // let the encoder ramp up
            // Full rate in some 2 s window of the first 10 s: the link can carry it, whatever a loaded machine
            // did to one window (a single window failed once at 23.5 fps while other media tests ran).
            Map<String, StreamCounters> after = null;
            Map<String, Double> fps = Map.of();
            for (int window = 0; window < 5 && !(fps.size() == 2 && fps.values().stream().allMatch(f -> f >= 25));
                 window++) {
                Map<String, StreamCounters> before = link.answering.counters();
                long t0 = System.nanoTime();
                Thread.sleep(2000);
                after = link.answering.counters();
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> rates = new java.util.HashMap<>();
                for (String stream : List.of("color", "infrared")) {
                    rates.put(stream, (after.get(stream).framesReceived() - before.get(stream).framesReceived()) / seconds);
                }
                fps = rates;
            }

            for (String stream : List.of("color", "infrared")) {
                assertTrue(fps.get(stream) >= 25, stream + " " + codec + " at " + fps.get(stream) + " fps");
                List<ReceivedFrame> got = frames.get(stream);
                ReceivedFrame last = got.get(got.size() - 1);
                assertEquals(W, last.frame().width());
                assertEquals(H, last.frame().height());
                assertEquals(stream.equals("color") ? PixelFormat.BGR8 : PixelFormat.MONO8, last.frame().format());
                long stamped = got.stream().filter(f -> f.stamp().isPresent()).count();
                assertTrue(stamped >= got.size() * 0.9, stream + ": " + stamped + " of " + got.size() + " stamped");
                long previous = -1;
                for (ReceivedFrame f : got) {
                    if (f.stamp().isEmpty()) {
                        continue;
                    }
                    long counter = f.stamp().get().counter();
                    // the counter ranges tell the streams apart: names were mapped to the right tracks
                    assertEquals(stream.equals("infrared"), counter >= IR_BASE, stream + " got counter " + counter);
                    assertTrue(counter > previous, stream + ": counter " + counter + " after " + previous);
                    assertEquals(counter, f.frame().sequence());
                    assertEquals(f.stamp().get().captureTimeMillis(), f.frame().captureTimeMillis());
                    assertTrue(f.latencyMillis() >= 0 && f.latencyMillis() < 1000, "latency " + f.latencyMillis());
                    previous = counter;
                }
            }
            long[] latencies = frames.values().stream().flatMap(List::stream).filter(f -> f.stamp().isPresent())
                    .mapToLong(ReceivedFrame::latencyMillis).sorted().toArray();
            org.slf4j.LoggerFactory.getLogger(PeerSessionTest.class).info("{}: latency p50 {} ms, p99 {} ms, {}", codec,
                    latencies[latencies.length / 2], latencies[latencies.length * 99 / 100], after);
            List<RtpStreamStats> sent = link.offering.stats().get(5, TimeUnit.SECONDS);
            assertEquals(List.of("color", "infrared"), sent.stream().map(RtpStreamStats::stream).toList());
            for (RtpStreamStats s : sent) {
                assertTrue(s.outbound());
                assertEquals(codec.mimeType(), s.codec(), s.toString());
                assertTrue(s.bytes() > 0 && s.frames() > 0, s.toString());
            }
            List<RtpStreamStats> received = link.answering.stats().get(5, TimeUnit.SECONDS);
            assertEquals(2, received.size(), received.toString());
            received.forEach(s -> assertFalse(s.outbound()));
            for (List<RTCRtpEncodingParameters> encodings : link.offering.encodings()) {
                assertEquals(PeerSettings.DEFAULT_MIN_BITRATE_BPS, encodings.get(0).minBitrate);
                assertEquals(PeerSettings.DEFAULT_MAX_BITRATE_BPS, encodings.get(0).maxBitrate);
            }
        }
    }

    @Test
    void offerForOneStreamCarriesOnlyThatStream() throws Exception {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        try (Loopback link = new Loopback(engine, "one", List.of(infrared), ANNOUNCED, PeerSettings.defaults(),
                f -> seen.merge(f.frame().stream(), 1, Integer::sum))) {
            assertEquals(List.of(new StreamMid("0", "infrared")), link.offer.streams());
            assertEquals(1, link.offer.offer().sdp().split("m=video", -1).length - 1, "one m-line");
            link.awaitConnected();
            long deadline = System.currentTimeMillis() + 5000;
            while (seen.getOrDefault("infrared", 0) < 10 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(seen.getOrDefault("infrared", 0) >= 10, seen.toString());
            assertEquals(List.of("infrared"), List.copyOf(seen.keySet()));
            assertEquals(List.of("infrared"), List.copyOf(link.answering.counters().keySet()));
        }
    }

    @Test
    void closingWhileFramesFlowIsCleanAndSourcesStayUsable() throws Exception {
        for (int round = 0; round < 3; round++) {
            Map<String, Integer> seen = new ConcurrentHashMap<>();
            Loopback link = new Loopback(engine, "flow" + round, List.of(color, infrared), ANNOUNCED,
                    PeerSettings.defaults(), f -> seen.merge(f.frame().stream(), 1, Integer::sum));
            link.awaitConnected();
            long deadline = System.currentTimeMillis() + 5000;
            while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, seen.size(), "both streams flowing before close");
            assertEquals(1, color.senderCount());
            // close both sides mid-stream, receiver first in even rounds, sender first in odd ones
            if (round % 2 == 0) {
                link.answering.close();
                link.offering.close();
            } else {
                link.offering.close();
                link.answering.close();
            }
            assertEquals(0, color.senderCount());
            long pushed = color.framesPushed();
            Thread.sleep(100);
            assertEquals(pushed, color.framesPushed(), "no conversion while nobody receives");
            int delivered = seen.values().stream().mapToInt(Integer::intValue).sum();
            Thread.sleep(100);
            assertEquals(delivered, seen.values().stream().mapToInt(Integer::intValue).sum(), "no frames after close");
        }
    }
}
