package dev.camrtc.sender.camera.realsense;

import static org.bytedeco.librealsense2.global.realsense2.*;

import dev.camrtc.media.frame.PixelFormat;
import java.util.Optional;

/**
 * The RealSense streams the sender knows, by the names receivers see.
 * {@code depth} leaves the camera as z16 and is published twice: {@link #DEPTH_COLORIZED_NAME} as a
 * colorized bgr8 view (what WebRTC and MJPEG carry) and {@link #DEPTH_RAW_NAME} as the lossless 16-bit frame.
 */
public enum RealSenseStream {
    COLOR("color", RS2_STREAM_COLOR, 0, RS2_FORMAT_BGR8, PixelFormat.BGR8, "color camera, bgr8"),
    INFRARED("infrared", RS2_STREAM_INFRARED, 1, RS2_FORMAT_Y8, PixelFormat.MONO8, "left infrared imager, mono8"),
    INFRARED2("infrared2", RS2_STREAM_INFRARED, 2, RS2_FORMAT_Y8, PixelFormat.MONO8, "right infrared imager, mono8"),
    DEPTH("depth", RS2_STREAM_DEPTH, 0, RS2_FORMAT_Z16, PixelFormat.Z16,
            "depth, sent as a colorized bgr8 view and, lossless, as depth_z16 (16UC1 on a data channel)");

    /** Stream name of the colorized depth view (bgr8), the one announced to receivers. */
    public static final String DEPTH_COLORIZED_NAME = "depth";
    /** Stream name of the raw depth frames (z16, camera units); not announced, for lossless paths. */
    public static final String DEPTH_RAW_NAME = "depth_z16";
    /**
     * Metres per depth unit of a D400 (its factory default, millimetres): announced for {@link #DEPTH_RAW_NAME}
     * only when the device reports no depth scale; otherwise the device's RS2_OPTION_DEPTH_UNITS is announced.
     */
    public static final double DEPTH_UNITS = 0.001;

    private final String streamName;
    private final int rsStream;
    private final int rsIndex;
    private final int rsFormat;
    private final PixelFormat pixelFormat;
    private final String help;

    RealSenseStream(String streamName, int rsStream, int rsIndex, int rsFormat, PixelFormat pixelFormat, String help) {
        this.streamName = streamName;
        this.rsStream = rsStream;
        this.rsIndex = rsIndex;
        this.rsFormat = rsFormat;
        this.pixelFormat = pixelFormat;
        this.help = help;
    }

    public String streamName() {
        return streamName;
    }

    int rsStream() {
        return rsStream;
    }

    int rsIndex() {
        return rsIndex;
    }

    int rsFormat() {
        return rsFormat;
    }

    /** The pixel format as it leaves the camera. */
    public PixelFormat pixelFormat() {
        return pixelFormat;
    }

    /** One line for {@code --help} and docs: what this stream is. */
    public String help() {
        return help;
    }

    /** The stream a frame of librealsense stream type {@code rsStream} / index {@code rsIndex} belongs to. */
    static Optional<RealSenseStream> of(int rsStream, int rsIndex) {
        for (RealSenseStream s : values()) {
            if (s.rsStream == rsStream && (s.rsIndex == rsIndex || s.rsStream != RS2_STREAM_INFRARED)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The stream that delivers the frames published under {@code name} (e.g. depth_z16 -> DEPTH). */
    public static Optional<RealSenseStream> byPublishedName(String name) {
        if (DEPTH_RAW_NAME.equals(name)) {
            return Optional.of(DEPTH);
        }
        for (RealSenseStream s : values()) {
            if (s.streamName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
