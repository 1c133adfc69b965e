package dev.camrtc.sender.camera;



/**
 * Everything {@link CameraSources#open} needs besides the source spec; {@link #defaults()} holds every
 * default of the camera sources (the CLI shows them).
 *
 * @param serial          RealSense serial number to open; null = the first one connected ({@code --serial})
 * @param colorProfile    color stream profile, WIDTHxHEIGHTxFPS ({@code --color-profile}); also the size of the
 *                        test pattern and the requested webcam mode
 * @param infraProfile    infrared profile ({@code --infra-profile}), used by infrared and infrared2
 * @param depthProfile    depth profile ({@code --depth-profile})
 * @param enableInfra2    also stream the right infrared imager as {@code infrared2} ({@code --enable-infra2})
 * @param enableDepth     also stream depth ({@code --enable-depth})
 * @param alwaysOn        keep the camera running when nobody watches ({@code --always-on})
 * @param depthNear       depth (camera units, mm on a D400) shown dark blue in the colorized view ({@code --depth-near})
 * @param depthFar        depth shown dark red in the colorized view ({@code --depth-far})
 * @param reconnectMillis how often a lost camera is looked for again
 * @param bagRealTime     play {@code bag:} recordings at their recorded pace (false: as fast as consumed)
 * @param label           the sender's name, for log lines
 * @param alignDepth      align depth to color with librealsense's align block ({@code --align-depth}); RealSense
 *                        and {@code bag:} sources only, needs {@code enableDepth}
 * @param ros             the ROS 2 source's settings ({@code --source ros:...}, the {@code --ros-*} flags)
 */
public record SourceOptions(String serial, StreamProfile colorProfile, StreamProfile infraProfile,
                            StreamProfile depthProfile, boolean enableInfra2, boolean enableDepth, boolean alwaysOn,
                            int depthNear, int depthFar, int reconnectMillis, boolean bagRealTime, String label,
                            boolean alignDepth, RosSourceOptions ros) {

    public static final String DEFAULT_PROFILE = "640x480x30";
    public static final int DEFAULT_DEPTH_NEAR = 300;
    public static final int DEFAULT_DEPTH_FAR = 4000;
    public static final int DEFAULT_RECONNECT_MILLIS = 1000;

    public SourceOptions {
        if (colorProfile == null || infraProfile == null || depthProfile == null) {
            throw new IllegalArgumentException("stream profiles must be given (e.g. " + DEFAULT_PROFILE + ")");
        }
        if (reconnectMillis <= 0) {
            throw new IllegalArgumentException("reconnect interval must be positive: " + reconnectMillis);
        }
        label = label == null ? "sender" : label;
        java.util.Objects.requireNonNull(ros, "ros");
        if (alignDepth && !enableDepth) {
            throw new IllegalArgumentException("--align-depth aligns depth to color: add --enable-depth");
        }
    }

    public static SourceOptions defaults() {
        StreamProfile vga = StreamProfile.parse(DEFAULT_PROFILE);
        return new SourceOptions(null, vga, vga, vga, false, false, false, DEFAULT_DEPTH_NEAR, DEFAULT_DEPTH_FAR,
                DEFAULT_RECONNECT_MILLIS, true, "sender", false, RosSourceOptions.defaults());
    }

    public SourceOptions withSerial(String newSerial) {
        return new SourceOptions(newSerial, colorProfile, infraProfile, depthProfile, enableInfra2, enableDepth, alwaysOn,
                depthNear, depthFar, reconnectMillis, bagRealTime, label, alignDepth, ros);
    }

    public SourceOptions withStreams(boolean infra2, boolean depth) {
        return new SourceOptions(serial, colorProfile, infraProfile, depthProfile, infra2, depth, alwaysOn,
                depthNear, depthFar, reconnectMillis, bagRealTime, label, alignDepth && depth, ros);
    }

    public SourceOptions withAlwaysOn(boolean on) {
        return new SourceOptions(serial, colorProfile, infraProfile, depthProfile, enableInfra2, enableDepth, on,
                depthNear, depthFar, reconnectMillis, bagRealTime, label, alignDepth, ros);
    }

    public SourceOptions withBagRealTime(boolean realTime) {
        return new SourceOptions(serial, colorProfile, infraProfile, depthProfile, enableInfra2, enableDepth, alwaysOn,
                depthNear, depthFar, reconnectMillis, realTime, label, alignDepth, ros);
    }

    public SourceOptions withAlignDepth(boolean align) {
        return new SourceOptions(serial, colorProfile, infraProfile, depthProfile, enableInfra2, enableDepth, alwaysOn,
                depthNear, depthFar, reconnectMillis, bagRealTime, label, align, ros);
    }

    public SourceOptions withRos(RosSourceOptions newRos) {
        return new SourceOptions(serial, colorProfile, infraProfile, depthProfile, enableInfra2, enableDepth, alwaysOn,
                depthNear, depthFar, reconnectMillis, bagRealTime, label, alignDepth, newRos);
    }

    public SourceOptions withLabel(String newLabel) {
        return new SourceOptions(serial, colorProfile, infraProfile, depthProfile, enableInfra2, enableDepth, alwaysOn,
                depthNear, depthFar, reconnectMillis, bagRealTime, newLabel, alignDepth, ros);
    }
}
