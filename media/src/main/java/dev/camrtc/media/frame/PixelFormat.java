package dev.camrtc.media.frame;

/** Pixel layouts that flow between cameras, codecs and ROS, named by their ROS encoding. */
public enum PixelFormat {
    /** 8-bit blue, green, red (OpenCV order); ROS {@code bgr8}. */
    BGR8("bgr8", 3),
    /** 8-bit grey (infrared); ROS {@code mono8}. */
    MONO8("mono8", 1),
    /** 16-bit little-endian depth in camera units; ROS {@code 16UC1}. */
    Z16("16UC1", 2);

    private final String rosEncoding;
    private final int bytesPerPixel;

    PixelFormat(String rosEncoding, int bytesPerPixel) {
        this.rosEncoding = rosEncoding;
        this.bytesPerPixel = bytesPerPixel;
    }

    /** The name used in {@code sensor_msgs/Image.encoding} and in PROTOCOL.md stream descriptions. */
    public String rosEncoding() {
        return rosEncoding;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    public static PixelFormat fromRosEncoding(String encoding) {
        for (PixelFormat f : values()) {
            if (f.rosEncoding.equals(encoding)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown pixel encoding '" + encoding + "' (known: bgr8, mono8, 16UC1)");
    }
}
