package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoPublisher;
import dev.camrtc.dds.QosOptions;
import java.time.Instant;

/** sensor_msgs/msg/CameraInfo over a Cyclone writer. */
final class CycloneCameraInfoPublisher extends CycloneWriter implements CameraInfoPublisher {
    private final Memory sample = new Memory(328);
    private CameraInfo last;
    private Memory model;
    private Memory d;

    CycloneCameraInfoPublisher(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos);
        sample.clear();
    }

    @Override
    public boolean publish(CameraInfo info, Instant stamp, String frameId) {
        synchronized (this) {
            ensureOpen();
            header(sample, 0, stamp, frameId);
            if (!info.equals(last)) {
                fill(info);
                last = info;
            }
            return write(sample);
        }
    }

    private void fill(CameraInfo info) {
        sample.setInt(RosTypes.INFO_HEIGHT, info.height());
        sample.setInt(RosTypes.INFO_WIDTH, info.width());
        model = Cyclone.cString(info.distortionModel());
        sample.setPointer(RosTypes.INFO_DISTORTION_MODEL, model);
        double[] coefficients = info.d();
        d = coefficients.length == 0 ? null : new Memory(8L * coefficients.length);
        if (d != null) {
            d.write(0, coefficients, 0, coefficients.length);
        }
        sequence(sample, RosTypes.INFO_D, d, coefficients.length);
        sample.write(RosTypes.INFO_K, info.k(), 0, 9);
        sample.write(RosTypes.INFO_R, info.r(), 0, 9);
        sample.write(RosTypes.INFO_P, info.p(), 0, 12);
        sample.setInt(RosTypes.INFO_BINNING_X, 0);
        sample.setInt(RosTypes.INFO_BINNING_Y, 0);
        // roi: all zero, do_rectify false (sample was cleared at construction)
    }
}
