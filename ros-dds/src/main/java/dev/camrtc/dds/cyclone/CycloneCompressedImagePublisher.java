package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.camrtc.dds.CompressedImagePublisher;
import dev.camrtc.dds.QosOptions;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Instant;

/** sensor_msgs/msg/CompressedImage over a Cyclone writer. */
final class CycloneCompressedImagePublisher extends CycloneWriter implements CompressedImagePublisher {
    private final Memory sample = new Memory(48);
    private String format;
    private Memory formatMemory;
    private Memory heapCopy;

    CycloneCompressedImagePublisher(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos);
        sample.clear();
    }

    @Override
    public boolean publish(ByteBuffer data, String format, Instant stamp, String frameId) {
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("CompressedImage format must be set (e.g. jpeg)");
        }
        int size = data.remaining();
        synchronized (this) {
            ensureOpen();
            header(sample, 0, stamp, frameId);
            if (!format.equals(this.format)) {
                formatMemory = Cyclone.cString(format);
                this.format = format;
            }
            sample.setPointer(RosTypes.COMPRESSED_FORMAT, formatMemory);
            Pointer bytes;
            if (data.isDirect()) {
                bytes = size == 0 ? null : Native.getDirectBufferPointer(data).share(data.position());
            } else {
                if (heapCopy == null || heapCopy.size() < Math.max(size, 1)) {
                    heapCopy = new Memory(Math.max(size, 1));
                }
                heapCopy.getByteBuffer(0, Math.max(size, 1)).put(data.duplicate());
                bytes = heapCopy;
            }
            sequence(sample, RosTypes.COMPRESSED_DATA, bytes, size);
            try {
                return write(sample);
            } finally {
                sequence(sample, RosTypes.COMPRESSED_DATA, null, 0);
                Reference.reachabilityFence(data);
            }
        }
    }
}
