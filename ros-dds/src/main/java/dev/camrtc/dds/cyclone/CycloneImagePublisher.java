package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.dds.QosOptions;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import dev.camrtc.media.frame.PixelFormat;

/** sensor_msgs/msg/Image over a Cyclone writer; the sample's data points at the frame's own memory. */
final class CycloneImagePublisher extends CycloneWriter implements ImagePublisher {
    private final Memory sample = new Memory(64);
    private final Map<PixelFormat, Memory> encodings = new EnumMap<>(PixelFormat.class);
    private Memory heapCopy;

    CycloneImagePublisher(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos);
        sample.clear();
        for (PixelFormat f : PixelFormat.values()) {
            encodings.put(f, Cyclone.cString(f.rosEncoding()));
        }
    }

    @Override
    public boolean publish(CameraFrame frame, Instant stamp, String frameId) {
        ByteBuffer buffer = frame.buffer();
        int size = frame.size();
        synchronized (this) {
            ensureOpen();
            header(sample, 0, stamp, frameId);
            sample.setInt(RosTypes.IMAGE_HEIGHT, frame.height());
            sample.setInt(RosTypes.IMAGE_WIDTH, frame.width());
            sample.setPointer(RosTypes.IMAGE_ENCODING, encodings.get(frame.format()));
            sample.setByte(RosTypes.IMAGE_IS_BIGENDIAN, (byte) 0);
            sample.setInt(RosTypes.IMAGE_STEP, frame.stride());
            Pointer data;
            if (buffer.isDirect()) {
                data = Native.getDirectBufferPointer(buffer);
            } else {
                if (heapCopy == null || heapCopy.size() < size) {
                    heapCopy = new Memory(size);
                }
                ByteBuffer pixels = frame.pixels();
                heapCopy.getByteBuffer(0, size).put(pixels);
                data = heapCopy;
            }
            sequence(sample, RosTypes.IMAGE_DATA, data, size);
            try {
                return write(sample);
            } finally {
                sequence(sample, RosTypes.IMAGE_DATA, null, 0);
                Reference.reachabilityFence(buffer);
            }
        }
    }
}
