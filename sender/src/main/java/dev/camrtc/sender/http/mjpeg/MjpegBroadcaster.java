package dev.camrtc.sender.http.mjpeg;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.jpeg.JpegEncoder;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.hub.FrameHub;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MJPEG side of one stream. Subscribes to the {@link FrameHub} only while it has at least one client
 * (an unwatched stream costs nothing), encodes each frame once whatever the number of clients, and puts the
 * bytes into every client's latest-frame slot.
 *
 * <p>Threads: the hub hands frames over on the source thread; this class only parks the newest one and
 * schedules a drain on the shared encoder executor, which encodes frames of this stream one at a time
 * (a frame arriving while one is being encoded replaces the waiting one: encoding never queues up).
 *
 * <p>Frame ownership: the parked frame is {@link CameraFrame#retain() retained} (the hub only lends it) and
 * released once it is encoded, replaced by a newer one, or dropped when the last client leaves; so at most
 * two pooled frames per stream (one parked, one being encoded) are held here.
 */
public final class MjpegBroadcaster implements FrameSink {

    private static final Logger LOG = LoggerFactory.getLogger(MjpegBroadcaster.class);

    private final String senderName;
    private final String stream;
    private final FrameHub hub;
    private final JpegEncoder encoder;
    private final Executor encoders;
    private final CopyOnWriteArrayList<MjpegClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicReference<CameraFrame> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private volatile JpegFrame latest;
    private FrameHub.Subscription subscription; // guarded by this
    private long lastErrorNanos = Long.MIN_VALUE; // encoder thread only

    MjpegBroadcaster(String senderName, String stream, FrameHub hub, int quality, Executor encoders) {
        this.senderName = senderName;
        this.stream = stream;
        this.hub = hub;
        this.encoder = new JpegEncoder(quality);
        this.encoders = encoders;
    }

    String stream() {
        return stream;
    }

    /**
     * Adds a client served by the calling thread. When the stream was already being watched, the client's
     * slot starts with the latest encoded frame (for snapshots).
     */
    synchronized MjpegClient join(boolean primeWithLatest) {
        MjpegClient client = new MjpegClient(skipped);
        boolean active = subscription != null;
        clients.add(client);
        if (active) {
            JpegFrame last = latest;
            if (primeWithLatest && last != null) {
                client.prime(last);
            }
        } else {
            subscription = hub.subscribe(stream, this);
        }
        return client;
    }

    /** Removes a client; the last one leaving ends the hub subscription. Idempotent. */
    synchronized void leave(MjpegClient client) {
        if (clients.remove(client) && clients.isEmpty() && subscription != null) {
            subscription.close();
            subscription = null;
            dropPending();
        }
    }

    int clientCount() {
        return clients.size();
    }

    /** Frames encoded so far (once per frame, not per client). */
    public long framesEncoded() {
        return encoded.get();
    }

    /** Total encoding time so far, in nanoseconds. */
    public long encodeNanos() {
        return encodeNanos.get();
    }

    /** Frames written to clients so far (each stream part and each {@code /jpg} snapshot, keepalive repeats included). */
    public long framesSent() {
        return sent.sum();
    }

    /** Frames clients skipped so far: replaced by a newer one before a slow client could take them. */
    public long framesSkipped() {
        return skipped.sum();
    }

    /** A client wrote one frame. */
    void sent() {
        sent.increment();
    }

    /** Called by the hub on the source thread: parks the frame and schedules encoding. Never blocks. */
    @Override
    public void accept(CameraFrame frame) {
        CameraFrame replaced = pending.getAndSet(frame.retain());
        if (replaced != null) {
            replaced.release();
        }
        if (draining.compareAndSet(false, true)) {
            try {
                encoders.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false); // server shutting down
                dropPending();
            }
        }
    }

    private void drain() {
        while (true) {
            CameraFrame frame = pending.getAndSet(null);
            if (frame == null) {
                draining.set(false);
                // a frame that arrived after getAndSet but before the flag was cleared would be stranded
                if (pending.get() == null || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                encodeAndFanOut(frame);
            } finally {
                frame.release();
            }
        }
    }

    private void encodeAndFanOut(CameraFrame frame) {
        byte[] jpeg;
        long t0 = System.nanoTime();
        try {
            jpeg = encoder.encode(frame);
        } catch (RuntimeException e) {
            if (lastErrorNanos == Long.MIN_VALUE || t0 - lastErrorNanos > 1_000_000_000L) {
                lastErrorNanos = t0;
                LOG.warn("sender {}: cannot encode {} frame {} as JPEG: {}", senderName, stream, frame.sequence(),
                        e.getMessage());
            }
            return;
        }
        encodeNanos.addAndGet(System.nanoTime() - t0);
        encoded.incrementAndGet();
        JpegFrame out = new JpegFrame(stream, jpeg, frame.sequence(), frame.captureTimeMillis());
        latest = out;
        for (MjpegClient client : clients) {
            client.offer(out);
        }
    }

    private void dropPending() {
        CameraFrame parked = pending.getAndSet(null);
        if (parked != null) {
            parked.release();
        }
    }

    /** Frees the encoder's native parameters; call after every client has left and encoders stopped. */
    public void close() {
        dropPending();
        encoder.close();
    }
}
