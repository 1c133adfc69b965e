package dev.camrtc.ros.publish;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.ros.dds.CameraInfo;
import dev.camrtc.ros.dds.CameraInfoPublisher;
import dev.camrtc.ros.dds.ImagePublisher;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of one stream from WebRTC (or the MJPEG fallback) to DDS: a single slot holding the
 * newest frame and one publishing thread. {@link #offer} never blocks and never queues: a frame that
 * arrives while the previous one is still waiting replaces it (counted as skipped), so a slow DDS
 * subscriber (a reliable write waits at most {@code maxBlockingTime}) can only make frames drop, never
 * make the published stream lag behind real time. Each image is followed by its camera_info when the
 * stream's intrinsics are known, then by its JPEG on {@code <image>/compressed} when that output is enabled.
 */
public final class ImageRepublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageRepublisher.class);

    private record Pending(CameraFrame frame, Instant stamp) {
    }

    private final String stream;
    private final StreamTopics topics;
    private final ImagePublisher images;
    private final Supplier<CameraInfoPublisher> infoFactory;
    private CameraInfoPublisher infos; // made with the first camera model; publishing thread only after that
    private final CompressedImageOutput compressed; // null: no compressed topic; publishing thread only
    private final AtomicReference<Pending> slot = new AtomicReference<>();
    private final AtomicReference<CameraInfo> cameraInfo = new AtomicReference<>();
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
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
        this.infoFactory = infoFactory;
        this.thread = new Thread(this::run, "ros-publish-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    public String stream() {
        return stream;
    }

    public StreamTopics topics() {
        return topics;
    }

    /** Sets (or, with null, clears) the camera model published after each image. */
    public synchronized void cameraInfo(CameraInfo info) {
        if (info != null && infos == null && running) {
            infos = infoFactory.get();
        }
        cameraInfo.set(info);
    }

    /**
     * Hands over the newest frame; returns at once. Stamps that do not increase (a sender restarted with
     * an older clock, a fallback switch) are moved 1 µs past the last one so subscribers see them monotonic.
     */
    public void offer(CameraFrame frame, Instant stamp) {
        if (!running) {
            return;
        }
        offered.incrementAndGet();
        if (slot.getAndSet(new Pending(frame, stamp)) != null) {
            skipped.incrementAndGet();
        }
        signal.release();
    }

    private void run() {
        while (running) {
            try {
                if (!signal.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            Pending p = slot.getAndSet(null);
            if (p == null || !running) {
                continue;
            }
            try {
                publish(p);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("{}: publishing a {} frame failed: {}", topics.image(), stream, e.toString());
                }
            }
        }
    }

    private void publish(Pending p) {
        Instant stamp = p.stamp();
        if (!stamp.isAfter(lastStamp)) {
            stamp = lastStamp.plusNanos(1000);
        }
        lastStamp = stamp;
        if (images.publish(p.frame(), stamp, topics.frameId())) {
            published.incrementAndGet();
        }
        CameraInfo info = cameraInfo.get();
        if (info != null) {
            CameraInfoPublisher out;
            synchronized (this) {
                out = infos;
            }
            out.publish(info, stamp, topics.frameId());
        }
        if (compressed != null) {
            compressed.publish(p.frame(), stamp, topics.frameId());
        }
    }

    /** Frames handed over, replaced before they were published, and published. */
    public long offeredCount() {
        return offered.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public long publishedCount() {
        return published.get();
    }

    /** JPEGs published on the compressed topic (0 without one, or while it has no subscriber). */
    public long compressedCount() {
        return compressed == null ? 0 : compressed.publishedCount();
    }

    /** Stops the publishing thread (waiting for a write in progress) and closes the publishers. */
    @Override
    public void close() {
        running = false;
        signal.release();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        images.close();
        if (compressed != null) {
            compressed.close();
        }
        synchronized (this) {
            if (infos != null) {
                infos.close();
            }
        }
    }
}
