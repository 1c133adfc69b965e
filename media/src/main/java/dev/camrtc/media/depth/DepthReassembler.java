package dev.camrtc.media.depth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Joins the chunks of PROTOCOL.md 8 back into frames. It holds at most one frame (bounded by
 * {@code maxFrameBytes}) and never throws at its caller for bad input: a chunk that is too short or too
 * long, has an unknown magic or codec, a bad index/count/size, or arrives out of order is dropped together
 * with the frame in progress, counted, and the next chunk 0 starts afresh. Not thread-safe: feed it from
 * one thread (a data channel's message callback).
 */
public final class DepthReassembler {

    /** Receives each whole frame; {@code payload[0..length)} is valid only during the call. */
    @FunctionalInterface
    public interface FrameSink {
        void onFrame(DepthFrameHeader header, byte[] payload, int length);
    }

    private final int maxFrameBytes;
    private final FrameSink sink;
    private byte[] frame = new byte[0];
    private int length;
    private boolean inProgress;
    private int expectedIndex;
    private int count;
    private int counter;
    private long time;
    private int width;
    private int height;
    private int codec;
    private long framesCompleted;
    private long framesDropped;
    private long chunksDropped;
    private String lastDrop;

    /**
     * @param maxFrameBytes the largest encoded frame accepted (e.g. {@link RvlCodec#maxEncodedSize} of the
     *                      announced size); at most {@link DepthChunks#MAX_FRAME_BYTES}
     */
    public DepthReassembler(int maxFrameBytes, FrameSink sink) {
        if (maxFrameBytes < 1 || maxFrameBytes > DepthChunks.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be 1.." + DepthChunks.MAX_FRAME_BYTES);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.sink = sink;
    }

    /** The buffer size for frames of {@code width x height} in either codec. */
    public static int maxFrameBytes(int width, int height) {
        long pixels = (long) width * height;
        if (width < 1 || height < 1 || pixels > 0xFFFF * 0xFFFFL) {
            throw new IllegalArgumentException("bad depth size " + width + "x" + height);
        }
        long bound = Math.max(2 * pixels, RvlCodec.maxEncodedSize((int) Math.min(pixels, Integer.MAX_VALUE / 8)));
        return (int) Math.min(bound, DepthChunks.MAX_FRAME_BYTES);
    }

    /** One received message, from its position to its limit (not consumed). Never throws for its content. */
    public void accept(ByteBuffer message) {
        int size = message.remaining();
        if (size < DepthChunks.HEADER_BYTES || size > DepthChunks.MAX_CHUNK_BYTES) {
            drop(size < DepthChunks.HEADER_BYTES ? "chunk shorter than its header" : "chunk longer than 65536 bytes");
            return;
        }
        ByteBuffer m = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = m.position();
        if (m.getInt(p + DepthChunks.AT_MAGIC) != DepthChunks.MAGIC) {
            drop("unknown magic");
            return;
        }
        int codecId = m.get(p + DepthChunks.AT_CODEC) & 0xFF;
        if (DepthCodec.fromWireId(codecId) == null) {
            drop("unknown codec " + codecId);
            return;
        }
        int index = m.get(p + DepthChunks.AT_INDEX) & 0xFF;
        int chunks = m.get(p + DepthChunks.AT_COUNT) & 0xFF;
        int w = m.getShort(p + DepthChunks.AT_WIDTH) & 0xFFFF;
        int h = m.getShort(p + DepthChunks.AT_HEIGHT) & 0xFFFF;
        if (chunks == 0 || index >= chunks || w == 0 || h == 0) {
            drop("bad chunk index, count or frame size");
            return;
        }
        int c = m.getInt(p + DepthChunks.AT_COUNTER);
        long t = m.getLong(p + DepthChunks.AT_TIME);
        if (index == 0) {
            if (inProgress) {
                dropFrame("a new frame began before the last one ended");
            }
            inProgress = true;
            length = 0;
            expectedIndex = 0;
            count = chunks;
            counter = c;
            time = t;
            width = w;
            height = h;
            codec = codecId;
        } else if (!inProgress || index != expectedIndex || chunks != count || c != counter || t != time
                || w != width || h != height || codecId != codec) {
            drop(inProgress ? "chunk out of order or of another frame" : "chunk without its frame's first chunk");
            return;
        }
        int payload = size - DepthChunks.HEADER_BYTES;
        if (payload > maxFrameBytes - length) {
            drop("frame larger than " + maxFrameBytes + " bytes");
            return;
        }
        ensureCapacity(length + payload, count);
        m.get(p + DepthChunks.HEADER_BYTES, frame, length, payload);
        length += payload;
        expectedIndex++;
        if (expectedIndex == count) {
            inProgress = false;
            DepthCodec kind = DepthCodec.fromWireId(codec);
            if (kind == DepthCodec.RAW && length != width * height * 2) {
                framesDropped++;
                lastDrop = "raw frame of " + length + " bytes for " + width + "x" + height;
                return;
            }
            framesCompleted++;
            sink.onFrame(new DepthFrameHeader(Integer.toUnsignedLong(counter), time, width, height, kind), frame, length);
        }
    }

    private void ensureCapacity(int needed, int chunks) {
        if (needed <= frame.length) {
            return;
        }
        // room for the whole frame as announced by its count, within the cap: one allocation per size increase
        long wanted = Math.max(needed, Math.min((long) chunks * DepthChunks.MAX_PAYLOAD_BYTES, maxFrameBytes));
        byte[] bigger = new byte[(int) wanted];
        System.arraycopy(frame, 0, bigger, 0, length);
        frame = bigger;
    }

    private void drop(String reason) {
        chunksDropped++;
        if (inProgress) {
            dropFrame(reason);
        } else {
            lastDrop = reason;
        }
    }

    private void dropFrame(String reason) {
        inProgress = false;
        length = 0;
        framesDropped++;
        lastDrop = reason;
    }

    public long framesCompleted() {
        return framesCompleted;
    }

    /** Frames begun (chunk 0 seen) but not delivered. */
    public long framesDropped() {
        return framesDropped;
    }

    /** Chunks refused (each also drops the frame in progress, if any). */
    public long chunksDropped() {
        return chunksDropped;
    }

    /** Why the last chunk or frame was dropped, or null. */
    public String lastDropReason() {
        return lastDrop;
    }

    /** Bytes held for frames (at most {@code maxFrameBytes}). */
    public int bufferBytes() {
        return frame.length;
    }
}
