package dev.camrtc.dds.cyclone;

import com.sun.jna.Pointer;
import dev.camrtc.dds.Defaults;
import dev.camrtc.dds.ImageSample;
import dev.camrtc.dds.ImageSubscriber;
import dev.camrtc.dds.QosOptions;
import java.util.function.Consumer;

/** sensor_msgs/msg/Image from a Cyclone reader; the lent sample's data is shown to the sink in place. */
final class CycloneImageSubscriber extends CycloneReader implements ImageSubscriber {

    CycloneImageSubscriber(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos);
    }

    @Override
    public synchronized boolean takeNewest(Consumer<ImageSample> sink) {
        return takeNewest(sample -> {
            ImageSample image;
            try {
                image = decode(sample);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            sink.accept(image);
            return null;
        });
    }

    /** The checked view of a lent C sample (RosTypes' Image_ layout); IllegalArgumentException when malformed. */
    static ImageSample decode(Pointer s) {
        long width = Integer.toUnsignedLong(s.getInt(RosTypes.IMAGE_WIDTH));
        long height = Integer.toUnsignedLong(s.getInt(RosTypes.IMAGE_HEIGHT));
        long step = Integer.toUnsignedLong(s.getInt(RosTypes.IMAGE_STEP));
        long length = Integer.toUnsignedLong(s.getInt(RosTypes.IMAGE_DATA + RosTypes.SEQ_LENGTH));
        String encoding = boundedString(s.getPointer(RosTypes.IMAGE_ENCODING), Defaults.MAX_NAME_BYTES);
        if (width < 1 || height < 1 || width > Defaults.MAX_IMAGE_SIDE || height > Defaults.MAX_IMAGE_SIDE) {
            throw new IllegalArgumentException("size " + width + "x" + height + " outside 1.." + Defaults.MAX_IMAGE_SIDE);
        }
        if (encoding == null || encoding.isEmpty()) {
            throw new IllegalArgumentException("missing or overlong encoding");
        }
        if (step < width || step * height > length) {
            throw new IllegalArgumentException(width + "x" + height + " " + encoding + " with step " + step
                    + " needs " + step * height + " bytes of data, the sample has " + length);
        }
        Pointer data = s.getPointer(RosTypes.IMAGE_DATA + RosTypes.SEQ_BUFFER);
        if (data == null) {
            throw new IllegalArgumentException("data buffer missing");
        }
        long stamp = s.getInt(RosTypes.HEADER_SEC) * 1_000_000_000L + Integer.toUnsignedLong(s.getInt(RosTypes.HEADER_NANOSEC));
        return new ImageSample(stamp, (int) width, (int) height, encoding,
                s.getByte(RosTypes.IMAGE_IS_BIGENDIAN) != 0, (int) step,
                data.getByteBuffer(0, step * height).asReadOnlyBuffer());
    }
}
