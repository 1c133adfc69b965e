package dev.camrtc.ros.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.ros.dds.CameraInfo;
import dev.camrtc.ros.dds.CameraInfoPublisher;
import dev.camrtc.ros.dds.ImagePublisher;
import dev.camrtc.protocol.Intrinsics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The newest-frame hand-off alone, with a deliberately slow publisher standing in for a DDS write blocked by
 * a slow reliable subscriber (the real DDS path is covered end to end in RosReceiverEndToEndTest).
 */
class ImageRepublisherTest {

    /** Records what it was asked to publish; each write takes {@code writeMillis}. */
    static final class SlowPublisher implements ImagePublisher, CameraInfoPublisher {
        final List<Long> sequences = new CopyOnWriteArrayList<>();
        final List<Instant> stamps = new CopyOnWriteArrayList<>();
        final List<Instant> infoStamps = new CopyOnWriteArrayList<>();
        final long writeMillis;
        volatile boolean closed;

        SlowPublisher(long writeMillis) {
            this.writeMillis = writeMillis;
        }

        @Override
        public boolean publish(CameraFrame frame, Instant stamp, String frameId) {
            sleep(writeMillis);
            sequences.add(frame.sequence());
            stamps.add(stamp);
            return true;
        }

        @Override
        public boolean publish(CameraInfo info, Instant stamp, String frameId) {
            infoStamps.add(stamp);
            return true;
        }

        @Override
        public String topic() {
            return "/t";
        }

        @Override
        public int subscriptionCount() {
            return 1;
        }

        @Override
        public long publishedCount() {
            return sequences.size();
        }

        @Override
        public long droppedCount() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static CameraFrame frame(long sequence) {
        return new CameraFrame("color", 4, 2, PixelFormat.MONO8, ByteBuffer.allocate(8), sequence, 1000 + sequence);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSlowWriterMakesFramesDropNeverQueueAndTheNewestIsPublished() throws Exception {
        SlowPublisher slow = new SlowPublisher(60);
        try (ImageRepublisher r = new ImageRepublisher("color", StreamTopics.of("c/image_raw", "f"), slow, () -> slow)) {
            long worstOfferNanos = 0;
            for (int i = 0; i < 40; i++) {
                long t0 = System.nanoTime();
                r.offer(frame(i), Instant.ofEpochMilli(1000 + i));
                worstOfferNanos = Math.max(worstOfferNanos, System.nanoTime() - t0);
                Thread.sleep(5);
            }
            long end = System.currentTimeMillis() + 2000;
            while (!slow.sequences.contains(39L) && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertTrue(worstOfferNanos < 20_000_000, "offer returned within " + worstOfferNanos / 1e6 + " ms");
            assertEquals(39L, slow.sequences.get(slow.sequences.size() - 1), "the newest frame is published last");
            assertTrue(slow.sequences.size() <= 6, "published " + slow.sequences + ": frames were replaced, not queued");
            assertEquals(40, r.offeredCount());
            assertEquals(r.offeredCount(), r.publishedCount() + r.skippedCount());
        }
        assertTrue(slow.closed);
    }

    @Test
    void stampsStayMonotonicAndCameraInfoFollowsEachImageOnceKnown() throws Exception {
        SlowPublisher pub = new SlowPublisher(0);
        try (ImageRepublisher r = new ImageRepublisher("color", StreamTopics.of("c/image_raw", "f"), pub, () -> pub)) {
            r.offer(frame(1), Instant.ofEpochMilli(5000));
            await(pub, 1);
            r.cameraInfo(CameraInfo.from(new Intrinsics(500, 500, 320, 240, "none", null), 640, 480));
            r.offer(frame(2), Instant.ofEpochMilli(4000)); // a sender whose clock went back
            await(pub, 2);
            r.offer(frame(3), Instant.ofEpochMilli(6000));
            await(pub, 3);
        }
        assertEquals(List.of(Instant.ofEpochMilli(5000), Instant.ofEpochMilli(5000).plusNanos(1000),
                Instant.ofEpochMilli(6000)), pub.stamps);
        assertEquals(pub.stamps.subList(1, 3), pub.infoStamps, "camera_info with the image's stamp, after the model is set");
    }

    private static void await(SlowPublisher p, int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 2000;
        while (p.sequences.size() < n && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(20);
    }
}
