package dev.camrtc.sender.webrtc;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.rtc.DepthChannelSender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lossless depth stream (PROTOCOL.md 8) sent to every session's data channel: each frame is encoded
 * ONCE into a reused buffer and the same bytes go to each session's {@link DepthChannelSender} (which
 * skips whole frames under backpressure).
 *
 * <p>Threading: {@link #accept} runs on the camera's thread and only parks the frame (retained) in a
 * one-frame newest slot; a frame still waiting when the next arrives is released unsent (the encoder
 * fell behind). The fan-out's own thread encodes and sends, then releases the frame. Nothing is
 * allocated per frame after the first frame of a size.
 */
final class DepthFanout implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DepthFanout.class);

    private final String stream;
    private final DepthCodec codec;
    private final DepthFrameCodec encoder = new DepthFrameCodec();
    private final List<DepthChannelSender> senders = new CopyOnWriteArrayList<>();
    private final AtomicReference<CameraFrame> slot = new AtomicReference<>();
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;
    private byte[] buffer = new byte[0]; // worker thread only

    DepthFanout(String label, String stream, DepthCodec codec) {
        this.stream = stream;
        this.codec = codec;
        this.worker = new Thread(this::run, "depth-" + stream + "-" + label);
        worker.setDaemon(true);
        worker.start();
    }

    void add(DepthChannelSender sender) {
        senders.add(sender);
    }

    void remove(DepthChannelSender sender) {
        senders.remove(sender);
    }

    int size() {
        return senders.size();
    }

    /** Frames encoded (each once, however many sessions). */
    long framesEncoded() {
        return encoded.get();
    }

    /** A frame from the camera (its thread): kept until the worker takes it; never blocks. */
    void accept(CameraFrame frame) {
        if (closed) {
            return;
        }
        CameraFrame old = slot.getAndSet(frame.retain());
        if (old != null) {
            old.release();
            dropped.incrementAndGet();
        }
        if (closed) {
            releaseSlot();
        }
        LockSupport.unpark(worker);
    }

    private void run() {
        while (!closed) {
            CameraFrame f = slot.getAndSet(null);
            if (f == null) {
                LockSupport.park(this);
                continue;
            }
            try {
                send(f);
            } catch (RuntimeException e) {
                LOG.warn("depth stream {}: frame {} not sent: {}", stream, f.sequence(), e.toString());
            } finally {
                f.release();
            }
        }
        releaseSlot();
    }

    private void send(CameraFrame f) {
        if (senders.stream().noneMatch(DepthChannelSender::isOpen)) {
            return;
        }
        int max = DepthFrameCodec.maxEncodedSize(codec, f.width() * f.height());
        if (buffer.length < max) {
            buffer = new byte[max];
        }
        int length = encoder.encode(codec, f.pixels(), f.width(), f.height(), buffer, 0);
        DepthFrameHeader header = new DepthFrameHeader(f.sequence() & 0xFFFF_FFFFL,
                f.captureTimeMicros(), f.width(), f.height(), codec);
        encoded.incrementAndGet();
        for (DepthChannelSender s : senders) {
            s.send(header, buffer, 0, length);
        }
    }

    private void releaseSlot() {
        CameraFrame f = slot.getAndSet(null);
        if (f != null) {
            f.release();
        }
    }

    /** Stops the worker (after its current frame) and releases a waiting frame. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseSlot();
        senders.clear();
    }
}
