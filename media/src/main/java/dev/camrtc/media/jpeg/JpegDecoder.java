package dev.camrtc.media.jpeg;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * JPEG to bgr8 / mono8 with OpenCV's {@code imdecode} (libjpeg-turbo), the counterpart of {@link JpegEncoder}.
 * Stateless; safe from any thread.
 */
public final class JpegDecoder {
    private JpegDecoder() {
    }

    /**
     * Decodes {@code jpeg} into a new frame of {@code format} (BGR8 or MONO8).
     *
     * @throws IllegalArgumentException when the bytes are not a JPEG OpenCV can read, or for another format
     */
    public static CameraFrame decode(String stream, byte[] jpeg, int length, PixelFormat format, long sequence,
                                     long captureTimeMillis) {
        int flag = switch (format) {
            case BGR8 -> IMREAD_COLOR;
            case MONO8 -> IMREAD_GRAYSCALE;
            default -> throw new IllegalArgumentException("JPEG decodes to bgr8 or mono8, not " + format.rosEncoding());
        };
        try (PointerScope scope = new PointerScope()) {
            BytePointer data = new BytePointer(length);
            data.put(jpeg, 0, length);
            Mat encoded = new Mat(1, length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data);
            Mat image = imdecode(encoded, flag);
            if (image == null || image.empty()) {
                throw new IllegalArgumentException("stream " + stream + ": not a readable JPEG (" + length + " bytes)");
            }
            int w = image.cols();
            int h = image.rows();
            int rowBytes = w * format.bytesPerPixel();
            byte[] pixels = new byte[rowBytes * h];
            BytePointer p = image.data();
            long step = image.step();
            for (int y = 0; y < h; y++) {
                p.position(y * step).get(pixels, y * rowBytes, rowBytes);
            }
            return new CameraFrame(stream, w, h, format, ByteBuffer.wrap(pixels), sequence, captureTimeMillis);
        }
    }
}
