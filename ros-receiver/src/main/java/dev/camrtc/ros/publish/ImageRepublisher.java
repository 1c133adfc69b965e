package dev.camrtc.ros.publish;

import dev.camrtc.media.frame.FramePool;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoPublisher;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.ros.frame.ConvertedImage;
import dev.camrtc.ros.frame.ReceivedImage;
import dev.camrtc.ros.output.CameraInfoOutput;
import dev.camrtc.ros.output.NewestFrameSlot;
import dev.camrtc.ros.output.PublishObserver;
import dev.camrtc.ros.output.StreamTopics;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of a stream from WebRTC's decoder thread (or the MJPEG fallback) to DDS: the stream's
 * {@link NewestFrameSlot} holding the newest {@link ReceivedImage}. An image that arrives while the previous
 * one is still waiting replaces it (counted as skipped and released at once, unconverted), so a slow DDS
 * subscriber (a reliable write waits at most {@code maxBlockingTime}) can only make frames drop, never make
 * the published stream lag behind real time.
 * The publishing thread converts only the image it publishes, into a buffer of the stream's {@link FramePool}
 * (one buffer in steady state), and releases it. Each image is followed by its camera_info when the stream's
 * intrinsics are known, then by its JPEG on {@code <image>/compressed} when that output is enabled.
 *
 * <p>Every image offered is released exactly once, by this class: the skipped one by {@link #offer}, the
 * published one after publishing, the waiting one at {@link #close()}.
 */
public final class ImageRepublisher implements PublishObserver.StreamCounts, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageRepublisher.class);

    private final String stream;
    private final StreamTopics topics;
    private final ImagePublisher images;
    private final CameraInfoOutput infos;
    private final CompressedImageOutput compressed; // null: no compressed topic; publishing thread only
    private final NewestFrameSlot<ReceivedImage> slot;
    private final FramePool pool;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong converted = new AtomicLong();
    private final AtomicLong releaseErrors = new AtomicLong();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private volatile PublishObserver.FrameTimes times = PublishObserver.FrameTimes.NONE;
    private volatile Instant lastStamp = Instant.EPOCH;

    /**
     * @param infoFactory makes the camera_info publisher, called once, when the first camera model is set
     */
    public ImageRepublisher(String stream, StreamTopics topics, ImagePublisher images,
                            Supplier<CameraInfoPublisher> infoFactory) {
        this(stream, topics, images, infoFactory, null);
    }

    /**
     * @param compressed the stream's compressed topic (owned from here on), or null for none
     */
    public ImageRepublisher(String stream, StreamTopics topics, ImagePublisher images,
                            Supplier<CameraInfoPublisher> infoFactory, CompressedImageOutput compressed) {
        this.stream = stream;
        this.compressed = compressed;
        this.topics = topics;
        this.images = images;
        this.infos = new CameraInfoOutput(infoFactory);
        this.pool = new FramePool(stream);
        this.slot = new NewestFrameSlot<>("ros-publish-" + stream, new NewestFrameSlot.Handler<>() {
            @Override
            public void publish(ReceivedImage image) {
                ImageRepublisher.this.publish(image);
            }

            @Override
            public void done(ReceivedImage image) {
                drop(image);
            }

            @Override
            public void failed(RuntimeException e, boolean running) {
                if (running) {
                    LOG.warn("{}: publishing a {} frame failed: {}", topics.image(), stream, e.toString());
                }
            }
        });
    }

    public String stream() {
        return stream;
    }

    public StreamTopics topics() {
        return topics;
    }

    /** Where to tell about each published frame (the metrics); {@link PublishObserver.FrameTimes#NONE} by default. */
    public void times(PublishObserver.FrameTimes times) {
        this.times = times;
    }

    /** Sets (or, with null, clears) the camera model published after each image. */
    public void cameraInfo(CameraInfo info) {
        infos.set(info);
    }

    /**
     * Hands over the newest image, owned by this republisher from now on; returns at once (it runs on the
     * decoder thread). Stamps that do not increase (a sender restarted with an older clock, a fallback
     * switch) are moved 1 µs past the last one so subscribers see them monotonic.
     */
    public void offer(ReceivedImage image) {
        maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
        if (!slot.running()) {
            drop(image);
            return;
        }
        offered.incrementAndGet();
        slot.offer(image);
    }

    private void drop(ReceivedImage image) {
        try {
            image.release();
            held.decrementAndGet();
        } catch (RuntimeException e) {
            releaseErrors.incrementAndGet();
            LOG.error("{}: releasing a {} frame failed: {}", topics.image(), stream, e.toString());
        }
    }

    private void publish(ReceivedImage image) {
        try (ConvertedImage p = image.convert(pool)) {
            converted.incrementAndGet();
            publish(p);
        }
    }

    private void publish(ConvertedImage p) {
        Instant stamp = p.stamp();
        if (!stamp.isAfter(lastStamp)) {
            stamp = lastStamp.plusNanos(1000);
        }
        lastStamp = stamp;
        long start = System.nanoTime();
        if (images.publish(p.frame(), stamp, topics.frameId())) {
            long write = System.nanoTime() - start;
            published.incrementAndGet();
            Instant capture = p.stamp();
            times.published(p.captureStamped() ? capture.getEpochSecond() * 1_000_000_000L + capture.getNano() : -1,
                    write);
        }
        infos.publish(stamp, topics.frameId());
        if (compressed != null) {
            compressed.publish(p.frame(), stamp, topics.frameId());
        }
    }

    /** Frames handed over, replaced before they were published, and published. */
    @Override
    public long offeredCount() {
        return offered.get();
    }

    @Override
    public long skippedCount() {
        return slot.skippedCount();
    }

    @Override
    public long publishedCount() {
        return published.get();
    }

    /** Images converted to bgr8 / mono8 (only those published: skipped ones never are). */
    public long convertedCount() {
        return converted.get();
    }

    /** Images handed over and not released yet (waiting in the slot, or being published). */
    public int heldCount() {
        return held.get();
    }

    /** The most images held at once so far (two in steady state: one waiting, one being published). */
    public int maxHeldCount() {
        return maxHeld.get();
    }

    /** Releases that failed (an image released twice): always 0 unless there is a bug. */
    public long releaseErrorCount() {
        return releaseErrors.get();
    }

    /** The stream's pixel buffers (for checks: buffers made, leased). */
    public FramePool pool() {
        return pool;
    }

    /** JPEGs published on the compressed topic (0 without one, or while it has no subscriber). */
    public long compressedCount() {
        return compressed == null ? 0 : compressed.publishedCount();
    }

    /**
     * Stops the publishing thread (waiting for a write in progress), releases the waiting image and closes
     * the publishers and the buffer pool.
     */
    @Override
    public void close() {
        slot.close();
        pool.close();
        images.close();
        if (compressed != null) {
            compressed.close();
        }
        infos.close();
    }
}
