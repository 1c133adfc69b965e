package dev.camrtc.dds.cyclone;

import com.sun.jna.Pointer;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoSubscriber;
import dev.camrtc.dds.Defaults;
import dev.camrtc.dds.QosOptions;

/** sensor_msgs/msg/CameraInfo from a Cyclone reader. */
final class CycloneCameraInfoSubscriber extends CycloneReader implements CameraInfoSubscriber {
    /** More distortion coefficients than any ROS model has (rational_polynomial: 8) is malformed. */
    private static final int MAX_COEFFICIENTS = 16;

    private CameraInfo newest;

    CycloneCameraInfoSubscriber(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos);
    }

    @Override
    public synchronized CameraInfo takeNewest() {
        newest = null;
        takeNewest(sample -> {
            try {
                newest = decode(sample);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        return newest;
    }

    /** The CameraInfo of a lent C sample (RosTypes' CameraInfo_ layout); IllegalArgumentException when malformed. */
    static CameraInfo decode(Pointer s) {
        String model = CycloneReader.boundedString(s.getPointer(RosTypes.INFO_DISTORTION_MODEL), Defaults.MAX_NAME_BYTES);
        if (model == null) {
            throw new IllegalArgumentException("missing or overlong distortion model");
        }
        int n = s.getInt(RosTypes.INFO_D + RosTypes.SEQ_LENGTH);
        if (n < 0 || n > MAX_COEFFICIENTS) {
            throw new IllegalArgumentException(Integer.toUnsignedString(n) + " distortion coefficients");
        }
        Pointer d = s.getPointer(RosTypes.INFO_D + RosTypes.SEQ_BUFFER);
        double[] coefficients = n == 0 || d == null ? new double[0] : d.getDoubleArray(0, n);
        return new CameraInfo(s.getInt(RosTypes.INFO_WIDTH), s.getInt(RosTypes.INFO_HEIGHT), model, coefficients,
                s.getDoubleArray(RosTypes.INFO_K, 9), s.getDoubleArray(RosTypes.INFO_R, 9),
                s.getDoubleArray(RosTypes.INFO_P, 12));
    }
}
