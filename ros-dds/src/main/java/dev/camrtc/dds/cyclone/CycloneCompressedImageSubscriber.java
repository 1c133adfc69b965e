package dev.camrtc.dds.cyclone;

import com.sun.jna.Pointer;
import dev.camrtc.dds.CompressedImageSample;
import dev.camrtc.dds.CompressedImageSubscriber;
import dev.camrtc.dds.Defaults;
import dev.camrtc.dds.QosOptions;
import java.util.function.Consumer;

/** sensor_msgs/msg/CompressedImage from a Cyclone reader; the lent sample's bytes are shown in place. */
final class CycloneCompressedImageSubscriber extends CycloneReader implements CompressedImageSubscriber {

    CycloneCompressedImageSubscriber(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos);
    }

    @Override
    public synchronized boolean takeNewest(Consumer<CompressedImageSample> sink) {
        return takeNewest(sample -> {
            String format = boundedString(sample.getPointer(RosTypes.COMPRESSED_FORMAT), Defaults.MAX_NAME_BYTES);
            long length = Integer.toUnsignedLong(sample.getInt(RosTypes.COMPRESSED_DATA + RosTypes.SEQ_LENGTH));
            Pointer data = sample.getPointer(RosTypes.COMPRESSED_DATA + RosTypes.SEQ_BUFFER);
            if (format == null) {
                return "missing or overlong format";
            }
            if (length == 0 || data == null || length > Defaults.MAX_COMPRESSED_BYTES) {
                return "data of " + length + " bytes (1.." + Defaults.MAX_COMPRESSED_BYTES + " accepted)";
            }
            long stamp = sample.getInt(RosTypes.HEADER_SEC) * 1_000_000_000L
                    + Integer.toUnsignedLong(sample.getInt(RosTypes.HEADER_NANOSEC));
            sink.accept(new CompressedImageSample(stamp, format, data.getByteBuffer(0, length).asReadOnlyBuffer()));
            return null;
        });
    }
}
