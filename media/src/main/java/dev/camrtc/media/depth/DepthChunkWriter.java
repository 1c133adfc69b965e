package dev.camrtc.media.depth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Splits one encoded depth frame into the chunks of PROTOCOL.md 8: 1..255 messages of at most 65,536
 * bytes, each a 24-byte header followed by the next part of the payload; every chunk but the last is
 * full. One direct buffer of 65,536 bytes is allocated once and reused for every chunk: a chunk handed
 * to the {@link ChunkSink} is valid only during that call (libwebrtc copies it in {@code send}).
 * Not thread-safe.
 */
public final class DepthChunkWriter {

    /** Receives one chunk: a direct buffer whose position is 0 and whose limit AND capacity are its length. */
    @FunctionalInterface
    public interface ChunkSink {
        void send(ByteBuffer chunk) throws Exception;
    }

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(DepthChunks.MAX_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * Sends {@code length} bytes of {@code payload} from {@code offset} as the chunks of one frame, in order.
     *
     * @return the number of chunks sent
     * @throws IllegalArgumentException when the payload does not fit in 255 chunks, or a raw frame's payload
     *                                  is not width x height x 2 bytes
     * @throws Exception                what the sink throws (the remaining chunks are not sent)
     */
    public int write(DepthFrameHeader header, byte[] payload, int offset, int length, ChunkSink sink) throws Exception {
        if (offset < 0 || length < 0 || offset > payload.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside an array of " + payload.length);
        }
        if (header.codec() == DepthCodec.RAW && length != header.rawBytes()) {
            throw new IllegalArgumentException("a raw " + header.width() + "x" + header.height() + " frame is "
                    + header.rawBytes() + " bytes, not " + length);
        }
        int count = DepthChunks.chunkCount(length);
        for (int index = 0; index < count; index++) {
            int from = index * DepthChunks.MAX_PAYLOAD_BYTES;
            int part = Math.min(DepthChunks.MAX_PAYLOAD_BYTES, length - from);
            buffer.clear();
            buffer.putInt(DepthChunks.MAGIC)
                    .putInt((int) header.counter())
                    .putLong(header.captureTimeMicros())
                    .putShort((short) header.width())
                    .putShort((short) header.height())
                    .put((byte) header.codec().wireId())
                    .put((byte) index)
                    .put((byte) count)
                    .put((byte) 0)
                    .put(payload, offset + from, part);
            sink.send(buffer.flip().slice()); // capacity = length: webrtc-java sends a direct buffer's whole capacity
        }
        return count;
    }
}
