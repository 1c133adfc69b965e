package dev.camrtc.ros.depth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.depth.CompressedDepth;
import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.rtc.ReceivedDepthFrame;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.dds.CameraInfoPublisher;
import dev.camrtc.dds.CompressedImagePublisher;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.ros.output.StreamTopics;
import dev.camrtc.ros.publish.TopicLayout;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The depth hand-off alone, with recording publishers (the real DDS path, every pixel, is covered end to end
 * in RosDepthEndToEndTest): newest frame wins, skipped frames are never decoded, buffers are reused, the
 * payload is copied (the caller reuses it), compressedDepth passes RVL through byte for byte.
 */
class DepthRepublisherTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final StreamTopics TOPICS = StreamTopics.of("realsense/depth/image_raw", "depth_frame");

    /** Records what it was asked to publish; each image write takes {@code writeMillis}. */
    static final class Recorder implements ImagePublisher, CompressedImagePublisher {
        final List<Long> counters = new CopyOnWriteArrayList<>();
        final List<String> mismatches = new CopyOnWriteArrayList<>();
        final List<byte[]> compressed = new CopyOnWriteArrayList<>();
        final List<String> formats = new CopyOnWriteArrayList<>();
        final long writeMillis;
        volatile int subscribers;

        Recorder(long writeMillis, int subscribers) {
            this.writeMillis = writeMillis;
            this.subscribers = subscribers;
        }

        @Override
        public boolean publish(CameraFrame frame, Instant stamp, String frameId) {
            try {
                Thread.sleep(writeMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertEquals(PixelFormat.Z16, frame.format());
            String m = DepthTestPattern.firstMismatch(frame.buffer(), frame.width(), frame.height(), frame.sequence());
            if (m != null) {
                mismatches.add(m);
            }
            assertEquals(Instant.EPOCH.plusNanos(captureMicros(frame.sequence()) * 1000), stamp,
                    "stamp = the chunk header's capture time, to the microsecond");
            counters.add(frame.sequence());
            return true;
        }

        @Override
        public boolean publish(ByteBuffer data, String format, Instant stamp, String frameId) {
            byte[] b = new byte[data.remaining()];
            data.duplicate().get(b);
            compressed.add(b);
            formats.add(format);
            return true;
        }

        @Override
        public String topic() {
            return "/t";
        }

        @Override
        public int subscriptionCount() {
            return subscribers;
        }

        @Override
        public long publishedCount() {
            return counters.size();
        }

        @Override
        public long droppedCount() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static final CameraInfoPublisher NO_INFO = null;

    /** The capture time in frame {@code n}'s chunk header: n s and 123 µs (a sub-millisecond part to keep). */
    static long captureMicros(long n) {
        return n * 1_000_000 + 123;
    }

    /** Frame {@code n} of the pattern, encoded, in a payload array reused by the caller like the channel's. */
    private static ReceivedDepthFrame frame(long n, DepthCodec codec, byte[] reused) {
        ByteBuffer depth = ByteBuffer.allocate(W * H * 2);
        DepthTestPattern.fill(depth, W, H, n);
        int length = new DepthFrameCodec().encode(codec, depth, W, H, reused, 0);
        return new ReceivedDepthFrame("depth_z16", new DepthFrameHeader(n, captureMicros(n), W, H, codec), reused,
                length, System.currentTimeMillis());
    }

    @Test
    void newestFrameWinsSkippedFramesAreNeverDecodedAndBuffersAreReused() throws Exception {
        Recorder images = new Recorder(40, 0);
        Recorder compressed = new Recorder(0, 0);
        byte[] reused = new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)];
        try (DepthRepublisher r = new DepthRepublisher("depth_z16", TOPICS, images, compressed, () -> NO_INFO)) {
            for (long n = 1; n <= 60; n++) {
                r.offer(frame(n, DepthCodec.RVL, reused));
                Arrays.fill(reused, (byte) 0x5a); // the channel reuses its payload after the call
                Thread.sleep(5);
            }
            Thread.sleep(300);
            assertEquals(List.of(), images.mismatches);
            assertEquals(60, r.offeredCount());
            assertTrue(r.skippedCount() > 20, "a 40 ms writer at 200 Hz skips most frames: " + r.skippedCount());
            assertEquals(r.offeredCount() - r.skippedCount(), r.decodedCount(), "only published frames are decoded");
            assertEquals(r.decodedCount(), r.publishedCount());
            assertEquals(60L, images.counters.get(images.counters.size() - 1), "the newest frame is published last");
            assertTrue(r.holderCount() <= 3, "holders: " + r.holderCount());
            assertEquals(1, r.pool().allocations(), "one pixel buffer");
            assertEquals(0, r.compressedCount(), "no compressedDepth without subscribers");
            assertEquals(List.of(), compressed.compressed);
        }
    }

    @Test
    void compressedDepthIsTheReceivedRvlBehindTheImageTransportHeader() throws Exception {
        Recorder images = new Recorder(0, 1);
        Recorder compressed = new Recorder(0, 1);
        byte[] reused = new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)];
        try (DepthRepublisher r = new DepthRepublisher("depth_z16", TOPICS, images, compressed, () -> NO_INFO)) {
            ReceivedDepthFrame f = frame(7, DepthCodec.RVL, reused);
            byte[] rvl = Arrays.copyOf(f.payload(), f.length());
            r.offer(f);
            waitFor(() -> compressed.compressed.size() == 1);
            byte[] expected = new byte[CompressedDepth.size(rvl.length)];
            ByteBuffer.wrap(expected).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0).putFloat(0).putFloat(0)
                    .putInt(W).putInt(H).put(rvl);
            assertArrayEquals(expected, compressed.compressed.get(0));
            assertEquals("16UC1; compressedDepth rvl", compressed.formats.get(0));

            r.offer(frame(8, DepthCodec.RAW, new byte[W * H * 2])); // a raw frame is RVL-encoded for the topic
            waitFor(() -> compressed.compressed.size() == 2);
            byte[] rvl8 = new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)];
            ByteBuffer depth = ByteBuffer.allocate(W * H * 2);
            DepthTestPattern.fill(depth, W, H, 8);
            int n = new DepthFrameCodec().encode(DepthCodec.RVL, depth, W, H, rvl8, 0);
            byte[] got = compressed.compressed.get(1);
            assertArrayEquals(Arrays.copyOf(rvl8, n), Arrays.copyOfRange(got, CompressedDepth.PREFIX_BYTES, got.length));
            assertEquals(List.of(), images.mismatches);
        }
    }

    @Test
    void aCorruptFrameIsDroppedAndTheNextOneIsPublished() throws Exception {
        Recorder images = new Recorder(0, 0);
        try (DepthRepublisher r = new DepthRepublisher("depth_z16", TOPICS, images, new Recorder(0, 0),
                () -> NO_INFO)) {
            r.offer(new ReceivedDepthFrame("depth_z16", new DepthFrameHeader(1, 1000, W, H, DepthCodec.RVL),
                    new byte[8], 8, 0));
            waitFor(() -> r.failedCount() == 1);
            r.offer(frame(2, DepthCodec.RVL, new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)]));
            waitFor(() -> images.counters.size() == 1);
            assertEquals(List.of(2L), images.counters);
        }
    }

    @Test
    void framesOfAnotherSizeThanAnnouncedAreRefusedBeforeAnyAllocation() throws Exception {
        Recorder images = new Recorder(0, 0);
        try (DepthRepublisher r = new DepthRepublisher("depth_z16", TOPICS, images, new Recorder(0, 0),
                () -> NO_INFO)) {
            r.announcedSize(W, H);
            // a few bytes of RVL claiming 65535x65535 (all zeros): refused, nothing decoded or allocated
            r.offer(new ReceivedDepthFrame("depth_z16", new DepthFrameHeader(1, 1000, 65535, 65535, DepthCodec.RVL),
                    new byte[8], 8, 0));
            r.announcedSize(null, null);
            r.offer(new ReceivedDepthFrame("depth_z16", new DepthFrameHeader(2, 2000, 65535, 65535, DepthCodec.RVL),
                    new byte[8], 8, 0));
            assertEquals(2, r.refusedCount());
            r.announcedSize(W, H);
            r.offer(frame(3, DepthCodec.RVL, new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)]));
            waitFor(() -> images.counters.size() == 1);
            assertEquals(List.of(3L), images.counters);
            assertEquals(0, r.failedCount());
            assertEquals(1, r.pool().allocations());
        }
    }

    @Test
    void alignedDepthIsRecognisedByTheColorIntrinsicsAndNamedLikeRealsense2Camera() {
        Intrinsics color = new Intrinsics(615.5, 615.25, 321, 239.5, "brown_conrady", List.of(0.0, 0.0, 0.0, 0.0, 0.0));
        Intrinsics depthOwn = new Intrinsics(385, 385, 320, 240, "brown_conrady", List.of(0.0, 0.0, 0.0, 0.0, 0.0));
        StreamDescription colorStream = new StreamDescription("color", 640, 480, 30, "bgr8", color);
        StreamDescription aligned = StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001)
                .withIntrinsics(color);
        StreamDescription own = StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001)
                .withIntrinsics(depthOwn);
        assertTrue(LosslessDepth.alignedToColor(aligned, List.of(colorStream, aligned)));
        assertTrue(!LosslessDepth.alignedToColor(own, List.of(colorStream, own)));
        TopicLayout rs = new TopicLayout(TopicLayout.Scheme.REALSENSE_ROS);
        assertEquals(StreamTopics.of("camera/camera/aligned_depth_to_color/image_raw", "camera_color_optical_frame"),
                rs.depthTopics("depth_z16", true));
        assertEquals(StreamTopics.of("camera/camera/depth/image_rect_raw", "camera_depth_optical_frame"),
                rs.depthTopics("depth_z16", false));
        assertEquals(StreamTopics.of("realsense/depth/image_raw", "realsense_depth_optical_frame"),
                new TopicLayout(TopicLayout.Scheme.DEMO).depthTopics("depth_z16", false));
    }

    @Test
    void withLosslessDepthTheColorizedDepthVideoIsNotRequested() {
        StreamDescription color = new StreamDescription("color", 640, 480, 30, "bgr8");
        StreamDescription colorized = new StreamDescription("depth", 640, 480, 30, "bgr8");
        StreamDescription z16 = StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001);
        assertNull(LosslessDepth.requested(List.of(color, colorized)), "no lossless depth: everything (absent)");
        StreamDescription points = new StreamDescription("points", null, null, null, "x-unknown", "datachannel", null,
                null);
        assertEquals(List.of("color", "depth_z16"), LosslessDepth.requested(List.of(color, colorized, z16, points)));
        assertEquals(List.of("color", "depth"), LosslessDepth.requested(List.of(color, colorized, points)),
                "an unknown data channel is never requested");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not met within 10 s");
            Thread.sleep(5);
        }
    }
}
