package dev.camrtc.media.jpeg;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * JPEG encoding of bgr8 and mono8 frames with OpenCV's {@code imencode} (libjpeg-turbo with SIMD:
 * about 0.6 ms for 640x480 on this project's machines, see realsense-javacv-jpeg.md). Reads direct
 * buffers in place; heap buffers are first copied into a scratch buffer, so an instance is not
 * thread-safe: use one per encoding thread. {@link #close()} frees the native parameters.
 */
public final class JpegEncoder implements AutoCloseable {

    private final int quality;
    private final IntPointer params;
    private ByteBuffer scratch;

    /** @param quality 1..100 (each user keeps its own default, e.g. the sender's MJPEG server and the ROS receiver) */
    public JpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is out of range 1..100");
        }
        this.quality = quality;
        this.params = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
    }

    public int quality() {
        return quality;
    }

    /** True for the pixel formats this encoder takes (bgr8, mono8). */
    public static boolean supports(PixelFormat format) {
        return format == PixelFormat.BGR8 || format == PixelFormat.MONO8;
    }

    /**
     * The JPEG file (JFIF) of {@code frame}.
     *
     * @throws IllegalArgumentException for a pixel format other than bgr8 / mono8
     * @throws IllegalStateException    when OpenCV refuses to encode
     */
    public byte[] encode(CameraFrame frame) {
        int type = switch (frame.format()) {
            case BGR8 -> CV_8UC3;
            case MONO8 -> CV_8UC1;
            default -> throw new IllegalArgumentException("JPEG needs bgr8 or mono8, stream " + frame.stream()
                    + " is " + frame.format().rosEncoding());
        };
        ByteBuffer pixels = direct(frame);
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(frame.height(), frame.width(), type, new BytePointer(pixels));
            BytePointer out = new BytePointer();
            boolean ok;
            try {
                ok = imencode(".jpg", image, out, params);
            } catch (OutOfMemoryError e) {
                throw new IllegalStateException("out of native memory for a JPEG of " + frame.stream() + " (" + e.getMessage()
                        + "); raise -Dorg.bytedeco.javacpp.maxBytes / maxPhysicalBytes (see README, 'Memory bounds')", e);
            }
            if (!ok) {
                throw new IllegalStateException("OpenCV could not encode " + frame.stream() + " frame "
                        + frame.sequence() + " as JPEG");
            }
            byte[] jpeg = new byte[(int) out.limit()];
            out.get(jpeg);
            return jpeg;
        } finally {
            // the Mat only holds the address: keep the buffer (and so its memory) alive until imencode is done
            Reference.reachabilityFence(pixels);
        }
    }

    /** The frame's pixels from index 0 in a direct buffer (the frame's own when it is direct). */
    private ByteBuffer direct(CameraFrame frame) {
        ByteBuffer source = frame.buffer();
        if (source.isDirect()) {
            return source.duplicate().position(0);
        }
        int size = frame.size();
        if (scratch == null || scratch.capacity() < size) {
            scratch = ByteBuffer.allocateDirect(size);
        }
        scratch.clear();
        scratch.put(frame.pixels());
        return scratch.position(0);
    }

    @Override
    public void close() {
        params.close();
        scratch = null;
    }
}
