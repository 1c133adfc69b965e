package dev.camrtc.media.rtc;

import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthReassembler;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of one depth stream's data channel (PROTOCOL.md 8). On libwebrtc's thread it only
 * copies each binary message into the {@link DepthReassembler} and a whole frame into a free slot (never
 * blocks); its own thread hands the newest frame to the {@link DepthFrameListener}. Memory: one frame
 * being assembled plus two slots, each at most {@code maxFrameBytes}.
 */
final class DepthChannelReceiver implements RTCDataChannelObserver {

    private static final Logger LOG = LoggerFactory.getLogger(DepthChannelReceiver.class);
    private static final long DROP_LOG_INTERVAL_MS = 10_000;

    private static final class Slot {
        byte[] bytes = new byte[0];
        int length;
        DepthFrameHeader header;
        long receivedAt;
    }

    private final String peerId;
    private final String stream;
    private final RTCDataChannel channel;
    private final DepthFrameListener listener;
    private final Runnable messageCounter;
    private final DepthReassembler reassembler;
    private final int maxFrameBytes;
    private final Thread thread;
    private final Object lock = new Object();
    // two slots: pending (0 or 1) + the one being delivered (0 or 1) + free ones = 2; guarded by lock
    private final Slot[] free = {new Slot(), new Slot()};
    private int freeCount = 2;
    private Slot pending;
    private long received;               // guarded by lock
    private long delivered;              // guarded by lock
    private long skipped;                // guarded by lock
    private boolean running = true;      // guarded by lock
    private long lastDropLog;            // libwebrtc thread only
    private long droppedAtLastLog;       // libwebrtc thread only

    DepthChannelReceiver(String peerId, String stream, RTCDataChannel channel, int maxFrameBytes,
                         DepthFrameListener listener, Runnable messageCounter) {
        this.peerId = peerId;
        this.messageCounter = messageCounter;
        this.stream = stream;
        this.channel = channel;
        this.listener = listener;
        this.maxFrameBytes = maxFrameBytes;
        this.reassembler = new DepthReassembler(maxFrameBytes, this::completed);
        this.thread = new Thread(this::run, "depth-" + peerId + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        channel.registerObserver(this);
    }

    String stream() {
        return stream;
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
        messageCounter.run(); // every message, text included: webrtc-java keeps each one (RtcEngine#dataChannelMessagesReceived)
        if (!buffer.binary) {
            LOG.debug("peer {}: depth channel {}: text message ignored", peerId, stream);
            return;
        }
        // the buffer wraps native memory that is valid only during this call: the reassembler copies it
        synchronized (reassembler) {
            reassembler.accept(buffer.data);
            logDrops();
        }
    }

    /** On libwebrtc's thread, from the reassembler: copies the frame into a free slot (or over the pending one). */
    private void completed(DepthFrameHeader header, byte[] payload, int length) {
        long now = System.currentTimeMillis();
        synchronized (lock) {
            if (!running) {
                return;
            }
            received++;
            Slot s;
            if (pending != null) {
                s = pending; // the listener is busy and a frame already waits: the newer one replaces it
                skipped++;
            } else {
                s = free[--freeCount]; // pending is empty, so at most one slot is out: one is free
            }
            if (s.bytes.length < length) {
                s.bytes = new byte[Math.min(maxFrameBytes, Math.max(length, length + length / 4))];
            }
            System.arraycopy(payload, 0, s.bytes, 0, length);
            s.length = length;
            s.header = header;
            s.receivedAt = now;
            pending = s;
            lock.notifyAll();
        }
    }

    private void run() {
        while (true) {
            Slot s;
            synchronized (lock) {
                while (running && pending == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                s = pending;
                pending = null;
                delivered++;
            }
            try {
                listener.onDepthFrame(new ReceivedDepthFrame(stream, s.header, s.bytes, s.length, s.receivedAt));
            } catch (RuntimeException e) {
                LOG.warn("peer {}: depth listener failed on stream {}: {}", peerId, stream, e.toString());
            }
            synchronized (lock) {
                free[freeCount++] = s;
            }
        }
    }

    private void logDrops() {
        long dropped = reassembler.framesDropped() + reassembler.chunksDropped();
        if (dropped == droppedAtLastLog) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastDropLog >= DROP_LOG_INTERVAL_MS) {
            LOG.warn("peer {}: depth channel {}: {} frames and {} chunks dropped so far, last because: {}", peerId,
                    stream, reassembler.framesDropped(), reassembler.chunksDropped(), reassembler.lastDropReason());
            lastDropLog = now;
            droppedAtLastLog = dropped;
        }
    }

    @Override
    public void onStateChange() {
        RTCDataChannelState state = channel.getState();
        LOG.debug("peer {}: depth channel {} {}", peerId, stream, state);
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {
    }

    DepthChannelCounters counters() {
        long framesDropped;
        long chunksDropped;
        synchronized (reassembler) {
            framesDropped = reassembler.framesDropped();
            chunksDropped = reassembler.chunksDropped();
        }
        synchronized (lock) {
            return new DepthChannelCounters(received, delivered, skipped, framesDropped, chunksDropped);
        }
    }

    /** Stops delivery (waits up to 2 s for a listener call unless called from it), then releases the channel. */
    void close() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            lock.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
                if (thread.isAlive()) {
                    LOG.warn("peer {}: depth listener of {} still busy 2 s after close, interrupting it", peerId, stream);
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DataChannels.release(peerId, channel);
    }
}
