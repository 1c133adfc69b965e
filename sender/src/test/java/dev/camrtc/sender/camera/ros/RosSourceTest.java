package dev.camrtc.sender.camera.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.DdsTestSupport;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.PublishedFrames;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegEncoder;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.RosSourceOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ROS source against real Cyclone C publishers (ros_pub, built from the IDL): announced streams from the
 * first frames and camera_info, frames with the publisher's exact pixels and header.stamp as capture time (to the
 * microsecond), subscriptions only while watched, rgb8 converted to bgr8, a silent topic announced by role and streamed
 * once it publishes. What it refuses: {@link RosSourceProblemsTest}.
 */
@Tag("media")
class RosSourceTest {
    static final int DOMAIN = 61;
    static final RosSourceOptions OPTIONS = RosSourceOptions.defaults().withDomainId(DOMAIN)
            .withProbe(Duration.ofSeconds(5));

    /** A frame as the sink saw it (pixels copied out). */
    record Got(String stream, int width, int height, String encoding, long captureMicros, ByteBuffer pixels) {
    }

    @Test
    void watchedTopicsStreamExactPixelsWithTheirStampsAndIntrinsics() throws Exception {
        try (PeerProcess color = publisher("rt/cam/color/image_raw", "bgr8", 640, 480, "--info", "rt/cam/color/camera_info");
             PeerProcess depth = publisher("rt/cam/depth/image_rect_raw", "16UC1", 320, 240);
             RosSource source = new RosSource(RosStreamSpec.parse("/cam/color/image_raw,/cam/depth/image_rect_raw", "/"),
                     OPTIONS, false, 1000, "ros-test")) {
            List<StreamDescription> streams = source.streams();
            assertEquals(List.of("color", "depth_z16"), streams.stream().map(StreamDescription::name).toList());
            StreamDescription c = streams.get(0);
            assertEquals(640, c.width());
            assertEquals(480, c.height());
            assertEquals("bgr8", c.encoding());
            assertTrue(c.isVideo());
            assertEquals(new Intrinsics(615.5, 616.75, 321.25, 239.5, "brown_conrady", List.of(0.1, -0.2, 0.001, 0.002, 0.05)),
                    c.intrinsics());
            StreamDescription d = streams.get(1);
            assertEquals(StreamDescription.TRANSPORT_DATACHANNEL, d.transport());
            assertEquals("16UC1", d.encoding());
            assertEquals(0.001, d.depthUnits());
            assertEquals(320, d.width());
            assertNull(d.intrinsics(), "no camera_info beside the depth topic");

            List<Got> got = new ArrayList<>();
            source.start(frame -> record(got, frame));
            Thread.sleep(500);
            assertEquals(0, source.subscriptions(), "nothing watched, nothing subscribed");
            synchronized (got) {
                assertEquals(0, got.size());
            }
            source.demand(Set.of("color", "depth_z16"));
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < until && (count(got, "color") < 45 || count(got, "depth_z16") < 45)) {
                Thread.sleep(20);
            }
            source.demand(Set.of());
            Thread.sleep(500);
            assertEquals(0, source.subscriptions(), "unsubscribed when nobody watches");
            List<Got> frames;
            synchronized (got) {
                frames = List.copyOf(got);
            }
            Map<Long, List<Map<String, String>>> colorPub = PublishedFrames.byStampMicros(color);
            Map<Long, List<Map<String, String>>> depthPub = PublishedFrames.byStampMicros(depth);
            long colors = count(frames, "color");
            long depths = count(frames, "depth_z16");
            // Both streams flow (the rate is the benchmark's business); the pixels below are checked exactly.
            assertTrue(colors >= 45 && depths >= 45, colors + " color, " + depths + " depth frames");
            for (Got g : frames) {
                List<Map<String, String>> pubs = (g.stream().equals("color") ? colorPub : depthPub)
                        .getOrDefault(g.captureMicros(), List.of());
                assertTrue(!pubs.isEmpty(), g.stream() + " frame stamped " + g.captureMicros() + " was published");
                if (g.stream().equals("color")) {
                    assertEquals("bgr8", g.encoding());
                    assertTrue(pubs.stream().anyMatch(p -> p.get("fnv").equals(DdsTestSupport.fnv(g.pixels()))),
                            "color frame stamped " + g.captureMicros() + " has the published pixels");
                } else {
                    assertTrue(pubs.stream().anyMatch(p -> DepthTestPattern.firstMismatch(g.pixels().duplicate()
                            .order(ByteOrder.LITTLE_ENDIAN), g.width(), g.height(), Long.parseLong(p.get("n"))) == null),
                            "depth frame stamped " + g.captureMicros() + " is the pattern of its frame");
                }
            }
        }
    }

    @Test
    void rgb8IsStreamedAsBgr8() throws Exception {
        try (PeerProcess pub = publisher("rt/cam2/color/image_raw", "rgb8", 64, 48);
             RosSource source = new RosSource(RosStreamSpec.parse("/cam2/color/image_raw", "/"), OPTIONS, false, 1000,
                     "ros-test")) {
            assertEquals("bgr8", source.streams().get(0).encoding());
            List<Got> frames = watch(source, "color", 30);
            Map<Long, List<Map<String, String>>> published = PublishedFrames.byStampMicros(pub);
            assertTrue(frames.size() >= 20, "frames: " + frames.size());
            for (Got g : frames) {
                boolean matches = false;
                for (Map<String, String> p : published.getOrDefault(g.captureMicros(), List.of())) {
                    long n = Long.parseLong(p.get("n"));
                    ByteBuffer expected = ByteBuffer.allocate(64 * 48 * 3);
                    for (int i = 0; i < expected.capacity(); i++) {
                        int rgb = (i / 3) * 3 + (2 - i % 3); // bgr byte i comes from rgb byte of the other end
                        expected.put(i, (byte) (rgb * 31 + n * 7 + (rgb >> 11)));
                    }
                    matches |= expected.equals(g.pixels());
                }
                assertTrue(matches, "frame stamped " + g.captureMicros() + " is the rgb8 frame published then, in bgr order");
            }
        }
    }

    @Test
    void compressedJpegTopicsAreDecodedIntoBgr8Frames(@TempDir Path dir) throws Exception {
        int w = 320;
        int h = 240;
        ByteBuffer original = ByteBuffer.allocate(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                original.put(i, (byte) (x * 255 / w)).put(i + 1, (byte) (y * 255 / h)).put(i + 2, (byte) 128);
            }
        }
        Path file = dir.resolve("frame.jpg");
        try (JpegEncoder encoder = new JpegEncoder(95)) {
            Files.write(file, encoder.encode(new CameraFrame("color", w, h, PixelFormat.BGR8, original, 0, 0)));
        }
        try (PeerProcess pub = publisher("rt/cj/color/image_raw/compressed", "jpeg", w, h, "--compressed", file.toString(),
                "--info", "rt/cj/color/camera_info");
             RosSource source = new RosSource(RosStreamSpec.parse("/cj/color/image_raw/compressed", "/"), OPTIONS, false,
                     1000, "ros-test")) {
            StreamDescription d = source.streams().get(0);
            assertEquals(List.of("color", 320, 240, "bgr8"), List.of(d.name(), d.width(), d.height(), d.encoding()));
            assertEquals(615.5, d.intrinsics().fx());
            List<Got> frames = watch(source, "color", 30);
            Map<Long, List<Map<String, String>>> published = PublishedFrames.byStampMicros(pub);
            assertTrue(frames.size() >= 20, "frames: " + frames.size());
            for (Got g : frames) {
                assertTrue(published.containsKey(g.captureMicros()), "capture time " + g.captureMicros() + " is a stamp");
                long diff = 0;
                for (int i = 0; i < original.capacity(); i++) {
                    diff += Math.abs((original.get(i) & 0xff) - (g.pixels().get(i) & 0xff));
                }
                double mean = (double) diff / original.capacity();
                assertTrue(mean < 2.0, "mean difference to the encoded image " + mean);
            }
        }
    }

    @Test
    void aSilentTopicIsAnnouncedByRoleAndStreamsOnceItPublishes() throws Exception {
        try (RosSource source = new RosSource(RosStreamSpec.parse("/late/infra1/image_rect_raw", "/"),
                RosSourceOptions.defaults().withDomainId(DOMAIN).withProbe(Duration.ofMillis(300)), false, 1000, "ros-test")) {
            StreamDescription s = source.streams().get(0);
            assertEquals("infrared", s.name());
            assertEquals("mono8", s.encoding());
            assertNull(s.width());
            List<Got> got = new ArrayList<>();
            source.start(frame -> record(got, frame));
            source.demand(Set.of("infrared"));
            Thread.sleep(800);
            for (int round = 0; round < 2; round++) { // starts late, then stops and comes back
                int before;
                synchronized (got) {
                    before = got.size();
                }
                try (PeerProcess pub = publisher("rt/late/infra1/image_rect_raw", "mono8", 160, 120)) {
                    pub.await("PUB", Duration.ofSeconds(10));
                    awaitFrames(got, before + 20);
                }
                synchronized (got) {
                    assertTrue(got.size() - before >= 20, "round " + round + ": " + (got.size() - before) + " frames");
                    assertEquals(160, got.get(got.size() - 1).width());
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Starts {@code source}, watches {@code stream} until {@code frames} frames came (at most 15 s: a loaded
     * machine may deliver fewer than 30 per second), stops watching; the frames it got.
     */
    static List<Got> watch(RosSource source, String stream, int frames) throws InterruptedException {
        List<Got> got = new ArrayList<>();
        source.start(frame -> record(got, frame));
        source.demand(Set.of(stream));
        awaitFrames(got, frames);
        source.demand(Set.of());
        synchronized (got) {
            return List.copyOf(got);
        }
    }

    static long count(List<Got> got, String stream) {
        synchronized (got) {
            return got.stream().filter(g -> g.stream().equals(stream)).count();
        }
    }

    /** Waits until {@code got} holds {@code n} frames, at most 15 s. */
    private static void awaitFrames(List<Got> got, int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            synchronized (got) {
                if (got.size() >= n) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    static void record(List<Got> got, CameraFrame frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.size()).put(frame.pixels()).flip();
        synchronized (got) {
            got.add(new Got(frame.stream(), frame.width(), frame.height(), frame.format().rosEncoding(),
                    frame.captureTimeMicros(), copy));
        }
    }

    /** A ros_pub publishing at 30 Hz until closed. */
    static PeerProcess publisher(String topic, String encoding, int w, int h, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(topic, encoding, Integer.toString(w), Integer.toString(h), "0", "30"));
        args.addAll(List.of(extra));
        PeerProcess p = new PeerProcess(TestPeers.command(TestPeers.cyclonePublisher(), args.toArray(String[]::new)),
                DdsTestSupport.peerEnv(DOMAIN));
        p.await("READY", Duration.ofSeconds(30));
        return p;
    }

}
