package dev.camrtc.ros.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoPublisher;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.ros.frame.ConvertedImage;
import dev.camrtc.ros.frame.ReadyImage;
import dev.camrtc.ros.frame.ReceivedImage;
import dev.camrtc.ros.output.StreamTopics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The newest-frame hand-off alone, with a deliberately slow publisher standing in for a DDS write blocked by
 * a slow reliable subscriber (the real DDS path is covered end to end in RosReceiverEndToEndTest).
 */
class ImageRepublisherTest {

    /** Records what it was asked to publish; each write takes {@code writeMillis}. */
    static class SlowPublisher implements ImagePublisher, CameraInfoPublisher {
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
    void whileAWriteIsBlockedOffersReturnAndOnlyTheNewestFrameWaits() throws Exception {
        java.util.concurrent.CountDownLatch inWrite = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        SlowPublisher blocked = new SlowPublisher(0) {
            @Override
            public boolean publish(CameraFrame frame, Instant stamp, String frameId) {
                if (frame.sequence() == 0) {
                    inWrite.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.publish(frame, stamp, frameId);
            }
        };
        try (ImageRepublisher r = new ImageRepublisher("color", StreamTopics.of("c/image_raw", "f"), blocked,
                () -> blocked)) {
            r.offer(new ReadyImage(frame(0), Instant.ofEpochMilli(1000)));
            assertTrue(inWrite.await(5, java.util.concurrent.TimeUnit.SECONDS));
            for (int i = 1; i < 40; i++) {
                r.offer(new ReadyImage(frame(i), Instant.ofEpochMilli(1000 + i))); // the DDS write of frame 0 is still blocked
            }
            assertEquals(List.of(), blocked.sequences, "nothing published while the write blocks");
            release.countDown();
            long end = System.currentTimeMillis() + 5000;
            while (blocked.sequences.size() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
            Thread.sleep(50);
            assertEquals(List.of(0L, 39L), blocked.sequences, "the 38 frames in between were replaced, not queued");
            assertEquals(40, r.offeredCount());
            assertEquals(38, r.skippedCount());
            assertEquals(2, r.publishedCount());
        }
        assertTrue(blocked.closed);
    }

    @Test
    void stampsStayMonotonicAndCameraInfoFollowsEachImageOnceKnown() throws Exception {
        SlowPublisher pub = new SlowPublisher(0);
        try (ImageRepublisher r = new ImageRepublisher("color", StreamTopics.of("c/image_raw", "f"), pub, () -> pub)) {
            r.offer(new ReadyImage(frame(1), Instant.ofEpochMilli(5000)));
            await(pub, 1);
            r.cameraInfo(CameraInfo.from(new Intrinsics(500, 500, 320, 240, "none", null), 640, 480));
            r.offer(new ReadyImage(frame(2), Instant.ofEpochMilli(4000))); // a sender whose clock went back
            await(pub, 2);
            r.offer(new ReadyImage(frame(3), Instant.ofEpochMilli(6000)));
            await(pub, 3);
        }
        assertEquals(List.of(Instant.ofEpochMilli(5000), Instant.ofEpochMilli(5000).plusNanos(1000),
                Instant.ofEpochMilli(6000)), pub.stamps);
        assertEquals(pub.stamps.subList(1, 3), pub.infoStamps, "camera_info with the image's stamp, after the model is set");
    }

    /** A frame that counts its conversions and releases, and converts into the republisher's pool. */
    static final class CountingImage implements ReceivedImage {
        final long sequence;
        final AtomicInteger converts = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        CountingImage(long sequence) {
            this.sequence = sequence;
        }

        @Override
        public String stream() {
            return "color";
        }

        @Override
        public ConvertedImage convert(FramePool pool) {
            converts.incrementAndGet();
            CameraFrame frame = pool.acquire("color", 4, 2, PixelFormat.MONO8, sequence, 1000 + sequence);
            return new ConvertedImage(frame, Instant.ofEpochMilli(1000 + sequence), true);
        }

        @Override
        public void release() {
            if (releases.incrementAndGet() > 1) {
                throw new IllegalStateException("released twice");
            }
        }
    }

    @Test
    void everyImageIsReleasedOnceAndOnlyPublishedOnesAreConvertedIntoOnePooledBuffer() throws Exception {
        java.util.concurrent.CountDownLatch inWrite = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        SlowPublisher blocked = new SlowPublisher(0) {
            @Override
            public boolean publish(CameraFrame frame, Instant stamp, String frameId) {
                if (frame.sequence() == 0) {
                    inWrite.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.publish(frame, stamp, frameId);
            }
        };
        List<CountingImage> images = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            images.add(new CountingImage(i));
        }
        ImageRepublisher r = new ImageRepublisher("color", StreamTopics.of("c/image_raw", "f"), blocked, () -> blocked);
        try {
            r.offer(images.get(0));
            assertTrue(inWrite.await(5, java.util.concurrent.TimeUnit.SECONDS));
            for (int i = 1; i < 40; i++) {
                r.offer(images.get(i)); // frame 0 is still being written: each replaces the one waiting
            }
            for (int i = 1; i < 38; i++) {
                assertEquals(0, images.get(i).converts.get(), "skipped frame " + i + " was converted");
                assertEquals(1, images.get(i).releases.get(), "skipped frame " + i + " released at once");
            }
            assertEquals(3, r.maxHeldCount(), "in flight: the one written, the one waiting, the one arriving");
            release.countDown();
            for (int i = 40; i < 300; i++) {
                r.offer(images.get(i));
                if (i % 3 == 0) {
                    Thread.sleep(1);
                }
            }
            long end = System.currentTimeMillis() + 5000;
            while (r.heldCount() > 0 && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
        } finally {
            r.close();
        }
        r.offer(images.get(299)); // after close: released at once -- a second release of frame 299
        for (CountingImage i : images.subList(0, 299)) {
            assertEquals(1, i.releases.get(), "frame " + i.sequence + " released once");
            assertTrue(i.converts.get() <= 1);
        }
        assertEquals(1, r.releaseErrorCount(), "the double release of frame 299 is caught and counted");
        assertEquals(r.publishedCount(), r.convertedCount(), "converted = published");
        assertEquals(images.stream().mapToInt(i -> i.converts.get()).sum(), r.convertedCount());
        assertEquals(1, r.pool().allocations(), "one pixel buffer for " + r.convertedCount() + " conversions");
        assertEquals(0, r.pool().allocated(), "freed at close");
    }

    private static void await(SlowPublisher p, int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 2000;
        while (p.sequences.size() < n && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(20);
    }
}
