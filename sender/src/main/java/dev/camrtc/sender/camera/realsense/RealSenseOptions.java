package dev.camrtc.sender.camera.realsense;

import dev.camrtc.sender.camera.StreamProfile;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a RealSense source.
 *
 * @param selection       camera (serial or first) or recording
 * @param streams         the enabled streams and their requested profiles, in the order they are announced
 * @param alwaysOn        keep the camera streaming even when nobody watches
 * @param depthNear       depth (camera units) coloured deep blue in the colorized view
 * @param depthFar        depth (camera units) coloured deep red in the colorized view
 * @param reconnectMillis how often to look for an unplugged camera
 * @param label           who is speaking in log lines (the sender's name)
 * @param alignDepth      align depth to the color image (librealsense's align block): depth then has color's
 *                        size and intrinsics; needs the color and depth streams
 */
public record RealSenseOptions(DeviceSelection selection, Map<RealSenseStream, StreamProfile> streams, boolean alwaysOn,
                               int depthNear, int depthFar, int reconnectMillis, String label,
                               boolean alignDepth) {
    public RealSenseOptions {
        Objects.requireNonNull(selection, "selection");
        if (streams == null || streams.isEmpty()) {
            throw new IllegalArgumentException("enable at least one RealSense stream");
        }
        streams = Map.copyOf(streams);
        if (reconnectMillis <= 0) {
            throw new IllegalArgumentException("reconnect interval must be positive: " + reconnectMillis);
        }
        label = label == null ? "sender" : label;
        if (alignDepth && !(streams.containsKey(RealSenseStream.DEPTH) && streams.containsKey(RealSenseStream.COLOR))) {
            throw new IllegalArgumentException("--align-depth needs depth: add --enable-depth");
        }
    }

    /** Without depth alignment. */
    public RealSenseOptions(DeviceSelection selection, Map<RealSenseStream, StreamProfile> streams, boolean alwaysOn,
                            int depthNear, int depthFar, int reconnectMillis, String label) {
        this(selection, streams, alwaysOn, depthNear, depthFar, reconnectMillis, label, false);
    }
}
