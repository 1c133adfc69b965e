package dev.camrtc.media.rtc;

import dev.camrtc.media.depth.DepthChunkWriter;
import dev.camrtc.media.depth.DepthChunks;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelState;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending end of one depth stream's data channel in one session (PROTOCOL.md 8): sends each frame
 * as its chunks, whole or not at all. Pacing: a frame is skipped whole while more than one frame's
 * bytes still wait in the channel ({@code bufferedAmount}), so at most about two frames are ever
 * queued and latency stays bounded whatever the link.
 *
 * <p>Encode a frame once (e.g. {@link dev.camrtc.media.depth.DepthFrameCodec}) and hand the same
 * payload to the sender of every session. {@link #send} may be called from any one thread at a time
 * (never a libwebrtc callback); it never blocks on the network.
 */
public final class DepthChannelSender {

    private static final Logger LOG = LoggerFactory.getLogger(DepthChannelSender.class);

    /** What became of one frame. */
    public enum Result {
        /** Every chunk was queued. */
        SENT,
        /** The channel is not open (yet, or any more): nothing sent. */
        NOT_OPEN,
        /** More than a frame still waits in the channel: skipped whole. */
        SKIPPED,
        /** libwebrtc refused a chunk (the channel is closing): the receiver drops the partial frame. */
        FAILED
    }

    private final String peerId;
    private final RTCDataChannel channel;
    private final String label;
    private final DepthChunkWriter writer = new DepthChunkWriter();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesSkipped = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private boolean closed;
    private boolean failedOnce;

    DepthChannelSender(String peerId, RTCDataChannel channel) {
        this.peerId = peerId;
        this.channel = channel;
        this.label = channel.getLabel();
    }

    /** The libwebrtc channel (for tests). */
    RTCDataChannel channel() {
        return channel;
    }

    /** The channel's label: the stream name. */
    public String label() {
        return label;
    }

    public synchronized boolean isOpen() {
        return !closed && channel.getState() == RTCDataChannelState.OPEN;
    }

    /** Bytes queued in the channel and not yet sent (0 once closed). */
    public synchronized long bufferedAmount() {
        return closed ? 0 : channel.getBufferedAmount();
    }

    /**
     * Sends one encoded frame ({@code payload[offset..offset+length)}) as its chunks, unless the channel is
     * not open or more than one frame's bytes still wait in it.
     *
     * @throws IllegalArgumentException when the payload does not fit in 255 chunks (or a raw payload has
     *                                  the wrong size)
     */
    public synchronized Result send(DepthFrameHeader header, byte[] payload, int offset, int length) {
        int chunks = DepthChunks.chunkCount(length);
        if (closed || channel.getState() != RTCDataChannelState.OPEN) {
            return Result.NOT_OPEN;
        }
        long frameBytes = length + (long) chunks * DepthChunks.HEADER_BYTES;
        if (channel.getBufferedAmount() > frameBytes) {
            framesSkipped.incrementAndGet();
            return Result.SKIPPED;
        }
        try {
            writer.write(header, payload, offset, length, chunk -> channel.send(new RTCDataChannelBuffer(chunk, true)));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            if (!failedOnce) {
                failedOnce = true;
                LOG.warn("peer {}: depth channel {}: send refused ({}), frame {} cut short", peerId, label,
                        e.getMessage(), header.counter());
            }
            return Result.FAILED;
        }
        framesSent.incrementAndGet();
        bytesSent.addAndGet(frameBytes);
        return Result.SENT;
    }

    public long framesSent() {
        return framesSent.get();
    }

    /** Frames skipped because the channel was still busy with earlier ones. */
    public long framesSkipped() {
        return framesSkipped.get();
    }

    /** Bytes of every chunk sent, headers included. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Unregisters, closes and releases the channel; before the peer connection closes. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        DataChannels.release(peerId, channel);
    }
}
