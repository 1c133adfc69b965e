package dev.camrtc.ros.depth;

import dev.camrtc.media.depth.CompressedDepth;
import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.RvlCodec;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.rtc.ReceivedDepthFrame;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoPublisher;
import dev.camrtc.dds.CompressedImagePublisher;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.ros.frame.ConvertedImage;
import dev.camrtc.ros.output.CameraInfoOutput;
import dev.camrtc.ros.output.NewestFrameSlot;
import dev.camrtc.ros.output.PublishObserver;
import dev.camrtc.ros.output.StreamTopics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of one lossless depth stream (PROTOCOL.md 8) from its data channel's delivery thread to DDS:
 * the video path's {@link NewestFrameSlot} for still-encoded frames. {@link #offer} copies the frame's encoded bytes (valid only during the listener call) into one of
 * three reused holders (one filling, one waiting, one publishing) and replaces a frame still waiting (counted
 * as skipped, never decoded). The publishing thread decodes RVL only for the frame it publishes, into one
 * pooled off-heap buffer, and publishes {@code 16UC1} on the image topic, camera_info, and — only while it has
 * subscribers — {@code <image>/compressedDepth} with the received RVL bytes passed through (raw frames are
 * RVL-encoded once for it). Header stamp = the chunk header's capture time, kept strictly increasing.
 */
public final class DepthRepublisher implements PublishObserver.StreamCounts, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DepthRepublisher.class);
    private static final int HOLDERS = 3;
    /** Largest image accepted from a stream announced without a size (pixels). */
    static final int MAX_UNANNOUNCED_PIXELS = 2048 * 2048;

    /** A reused copy of one encoded frame. */
    private static final class Held {
        DepthFrameHeader header;
        byte[] payload = new byte[0];
        int length;
    }

    private final String stream;
    private final StreamTopics topics;
    private final ImagePublisher images;
    private final CompressedImagePublisher compressed;
    private final CameraInfoOutput infos;
    private final NewestFrameSlot<Held> slot;
    private final ArrayDeque<Held> free = new ArrayDeque<>(); // guarded by itself
    private int holders; // guarded by free
    private final FramePool pool;
    private final DepthFrameCodec codec = new DepthFrameCodec(); // publishing thread only
    private final RvlCodec rvl = new RvlCodec();                 // publishing thread only
    private byte[] rvlScratch = new byte[0];                     // publishing thread only
    private ByteBuffer compressedData = ByteBuffer.allocate(0);  // publishing thread only
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong overlapping = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong compressedCount = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile long announcedSize = -1; // width << 32 | height, or -1: none announced
    private volatile boolean refusedLogged;
    private volatile PublishObserver.FrameTimes times = PublishObserver.FrameTimes.NONE;
    private Instant lastStamp = Instant.EPOCH; // publishing thread only

    /**
     * Takes ownership of both publishers.
     *
     * @param infoFactory makes the camera_info publisher, once, when the first camera model is set
     */
    public DepthRepublisher(String stream, StreamTopics topics, ImagePublisher images,
                            CompressedImagePublisher compressed, Supplier<CameraInfoPublisher> infoFactory) {
        this.stream = stream;
        this.topics = topics;
        this.images = images;
        this.compressed = compressed;
        this.infos = new CameraInfoOutput(infoFactory);
        this.pool = new FramePool(stream);
        this.slot = new NewestFrameSlot<>("ros-publish-" + stream, new NewestFrameSlot.Handler<>() {
            @Override
            public void publish(Held h) {
                DepthRepublisher.this.publish(h);
            }

            @Override
            public void done(Held h) {
                give(h);
            }

            @Override
            public void failed(RuntimeException e, boolean running) {
                failed.incrementAndGet();
                if (running) {
                    LOG.warn("{}: publishing a {} frame failed: {}", topics.image(), stream, e.getMessage());
                }
            }
        });
    }

    /** image_transport's name of the compressedDepth topic: {@code <image>/compressedDepth}. */
    public static String compressedDepthTopic(StreamTopics topics) {
        return topics.image() + "/compressedDepth";
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
     * The size the sender announced for the stream (null: unknown). Frames of another size are refused: a
     * few bytes of RVL can claim a 65535x65535 image, and no peer may make this receiver allocate that.
     */
    public void announcedSize(Integer width, Integer height) {
        announcedSize = width == null || height == null ? -1 : (long) width << 32 | height;
    }

    /** Copies the newest frame into the slot; returns at once (called on the channel's delivery thread). */
    public void offer(ReceivedDepthFrame frame) {
        if (!slot.running()) {
            return;
        }
        offered.incrementAndGet();
        DepthFrameHeader header = frame.header();
        long size = announcedSize;
        if (size >= 0 ? ((long) header.width() << 32 | header.height()) != size
                : (long) header.width() * header.height() > MAX_UNANNOUNCED_PIXELS) {
            refused.incrementAndGet();
            if (!refusedLogged) {
                refusedLogged = true;
                LOG.warn("{}: refusing {} frames of {}x{}{} (logged once)", topics.image(), stream, header.width(),
                        header.height(), size >= 0 ? ", announced " + (size >>> 32) + "x" + (size & 0xFFFF_FFFFL)
                                : ", more than " + MAX_UNANNOUNCED_PIXELS + " pixels without an announced size");
            }
            return;
        }
        Held h = take();
        if (h == null) { // a second delivery thread overlapping (a session being replaced): drop, stay bounded
            overlapping.incrementAndGet();
            return;
        }
        if (h.payload.length < frame.length()) {
            h.payload = new byte[frame.length()]; // grows to the largest frame once, then reused
        }
        System.arraycopy(frame.payload(), 0, h.payload, 0, frame.length());
        h.length = frame.length();
        h.header = frame.header();
        slot.offer(h);
    }

    private Held take() {
        synchronized (free) {
            Held h = free.poll();
            if (h == null) {
                if (holders >= HOLDERS) { // one producer needs at most three: filling, waiting, publishing
                    return null;
                }
                holders++;
                h = new Held();
            }
            return h;
        }
    }

    private void give(Held h) {
        synchronized (free) {
            free.push(h);
        }
    }

    private void publish(Held h) {
        DepthFrameHeader header = h.header;
        Instant stamp = Instant.EPOCH.plusNanos(Math.multiplyExact(header.captureTimeMicros(), 1000L));
        if (!stamp.isAfter(lastStamp)) {
            stamp = lastStamp.plusNanos(1000);
        }
        lastStamp = stamp;
        CameraFrame frame = ConvertedImage.pooledFrame(pool, stream, header.width(), header.height(), PixelFormat.Z16,
                header.counter(), Math.floorDiv(header.captureTimeMicros(), 1000));
        try {
            ByteBuffer depth = frame.writablePixels();
            codec.decode(header, h.payload, 0, h.length, depth); // throws on a corrupt frame: nothing published
            decoded.incrementAndGet();
            long start = System.nanoTime();
            if (images.publish(frame, stamp, topics.frameId())) {
                long write = System.nanoTime() - start;
                published.incrementAndGet();
                times.published(Math.multiplyExact(header.captureTimeMicros(), 1000L), write);
            }
            infos.publish(stamp, topics.frameId());
            if (compressed.subscriptionCount() > 0) {
                publishCompressed(h, depth, stamp);
            }
        } finally {
            frame.release();
        }
    }

    private void publishCompressed(Held h, ByteBuffer depth, Instant stamp) {
        DepthFrameHeader header = h.header;
        byte[] bytes = h.payload;
        int length = h.length;
        if (header.codec() != DepthCodec.RVL) { // a raw frame: RVL once, for this topic only
            int max = RvlCodec.maxEncodedSize(header.pixels());
            if (rvlScratch.length < max) {
                rvlScratch = new byte[max];
            }
            length = rvl.encode(depth.duplicate(), header.pixels(), rvlScratch, 0);
            bytes = rvlScratch;
        }
        int size = CompressedDepth.size(length);
        if (compressedData.capacity() < size) {
            compressedData = ByteBuffer.allocate(size);
        }
        compressedData.clear();
        CompressedDepth.write(header.width(), header.height(), bytes, 0, length, compressedData);
        compressedData.limit(size);
        if (compressed.publish(compressedData, CompressedDepth.FORMAT, stamp, topics.frameId())) {
            compressedCount.incrementAndGet();
        }
    }

    @Override
    public long offeredCount() {
        return offered.get();
    }

    /** Frames replaced in the slot before they were published (never decoded). */
    @Override
    public long skippedCount() {
        return slot.skippedCount() + overlapping.get();
    }

    @Override
    public long publishedCount() {
        return published.get();
    }

    /** Frames decoded (only those published). */
    public long decodedCount() {
        return decoded.get();
    }

    /** Messages published on {@code compressedDepth} (0 while it has no subscriber). */
    public long compressedCount() {
        return compressedCount.get();
    }

    /** Frames refused for their size (not the announced one). */
    public long refusedCount() {
        return refused.get();
    }

    /** Frames that could not be decoded or published. */
    public long failedCount() {
        return failed.get();
    }

    /** Frame holders made so far (at most three: one filling, one waiting, one publishing). */
    public int holderCount() {
        synchronized (free) {
            return holders;
        }
    }

    public FramePool pool() {
        return pool;
    }

    /** Stops the publishing thread (waiting for a write in progress), then closes the publishers and pool. */
    @Override
    public void close() {
        slot.close();
        pool.close();
        images.close();
        compressed.close();
        infos.close();
    }
}
