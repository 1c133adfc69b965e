package dev.camrtc.sender.camera.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.ImageSample;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Every encoding the ROS source accepts, with row padding and byte order, into tightly packed frame pixels. */
class ImageConversionTest {

    /**
     * A 3x2 image whose rows are padded to {@code step}; byte c of pixel (x, y) is 10 * (y * 3 + x) + c. (A step
     * shorter than a row, for the error case, gets rows of their full length.)
     */
    private static ImageSample image(String encoding, int bytesPerPixel, int step, boolean bigEndian) {
        int stride = Math.max(step, 3 * bytesPerPixel);
        ByteBuffer data = ByteBuffer.allocateDirect(stride * 2);
        for (int y = 0; y < 2; y++) {
            for (int i = 0; i < stride; i++) {
                data.put(y * stride + i, (byte) 0xEE); // padding marker
            }
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < bytesPerPixel; c++) {
                    data.put(y * stride + x * bytesPerPixel + c, (byte) (10 * (y * 3 + x) + c));
                }
            }
        }
        return new ImageSample(1L, 3, 2, encoding, bigEndian, step, data.asReadOnlyBuffer());
    }

    private static byte[] convert(ImageSample s, PixelFormat format) {
        assertNull(ImageConversion.problem(s, format));
        ByteBuffer out = ByteBuffer.allocateDirect(3 * 2 * format.bytesPerPixel());
        ImageConversion.copy(s, out);
        byte[] b = new byte[out.capacity()];
        out.get(0, b);
        return b;
    }

    @Test
    void colourEncodingsBecomeBgr8WithoutRowPadding() {
        byte[] bgr = convert(image("bgr8", 3, 12, false), PixelFormat.BGR8);
        byte[] rgb = convert(image("rgb8", 3, 9, false), PixelFormat.BGR8);
        byte[] bgra = convert(image("bgra8", 4, 16, false), PixelFormat.BGR8);
        byte[] rgba = convert(image("rgba8", 4, 12, false), PixelFormat.BGR8);
        for (int p = 0; p < 6; p++) {
            byte c0 = (byte) (10 * p);
            byte c1 = (byte) (10 * p + 1);
            byte c2 = (byte) (10 * p + 2);
            assertEquals(c0, bgr[3 * p]);
            assertEquals(c2, bgr[3 * p + 2]);
            assertEquals(c2, rgb[3 * p], "rgb8: blue is the third byte");
            assertEquals(c1, rgb[3 * p + 1]);
            assertEquals(c0, rgb[3 * p + 2]);
            assertEquals(c0, bgra[3 * p], "bgra8: alpha dropped");
            assertEquals(c2, bgra[3 * p + 2]);
            assertEquals(c2, rgba[3 * p], "rgba8: swapped, alpha dropped");
            assertEquals(c0, rgba[3 * p + 2]);
        }
    }

    @Test
    void monoAndDepthKeepTheirBytesAndBigEndianDepthIsSwapped() {
        byte[] mono = convert(image("mono8", 1, 4, false), PixelFormat.MONO8);
        byte[] depth = convert(image("16UC1", 2, 8, false), PixelFormat.Z16);
        byte[] big = convert(image("mono16", 2, 6, true), PixelFormat.Z16);
        for (int p = 0; p < 6; p++) {
            assertEquals((byte) (10 * p), mono[p]);
            assertEquals((byte) (10 * p), depth[2 * p], "little-endian low byte first");
            assertEquals((byte) (10 * p + 1), depth[2 * p + 1]);
            assertEquals((byte) (10 * p + 1), big[2 * p], "big-endian swapped to little-endian");
            assertEquals((byte) (10 * p), big[2 * p + 1]);
        }
    }

    @Test
    void whatCannotBecomeAFrameIsNamed() {
        assertTrue(ImageConversion.problem(image("yuv422", 2, 6, false), PixelFormat.BGR8).contains("yuv422"));
        assertTrue(ImageConversion.problem(image("mono8", 1, 3, false), PixelFormat.BGR8)
                .contains("cannot be streamed as the announced bgr8"));
        assertTrue(ImageConversion.problem(image("bgr8", 3, 8, false), PixelFormat.BGR8).contains("step 8"),
                "rows shorter than their pixels");
        assertNull(ImageConversion.target("32FC1"), "float depth is not streamed");
    }
}
