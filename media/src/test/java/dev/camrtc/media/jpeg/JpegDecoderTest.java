package dev.camrtc.media.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class JpegDecoderTest {

    /** A stamped image through the project's JPEG encoder (as the sender's MJPEG server encodes). */
    private static byte[] jpeg(PixelFormat format, long counter, long ms) {
        int bpp = format.bytesPerPixel();
        ByteBuffer pixels = ByteBuffer.allocateDirect(640 * 480 * bpp);
        for (int i = 0; i < pixels.capacity(); i++) {
            pixels.put(i, (byte) (90 + (i / (640 * bpp)) % 60));
        }
        FrameStamp.encode(pixels, 640, 480, format, counter, ms);
        try (JpegEncoder encoder = new JpegEncoder(80)) {
            return encoder.encode(new CameraFrame("s", 640, 480, format, pixels, counter, ms));
        }
    }

    @Test
    void colorAndInfraredJpegsDecodeToTheirFormatWithTheirFrameStamp() {
        for (PixelFormat f : new PixelFormat[] {PixelFormat.BGR8, PixelFormat.MONO8}) {
            byte[] jpeg = jpeg(f, 4242, 1_700_000_123_456L);
            CameraFrame frame = JpegDecoder.decode("s", jpeg, jpeg.length, f, 1, 0);
            assertEquals(640, frame.width());
            assertEquals(480, frame.height());
            assertEquals(f, frame.format());
            assertEquals(new FrameStamp.Stamp(4242, 1_700_000_123_456L), FrameStamp.decode(frame).orElseThrow());
        }
    }

    @Test
    void aColorJpegReadAsInfraredBecomesGreyAndGarbageIsRefused() {
        byte[] color = jpeg(PixelFormat.BGR8, 1, 1000);
        CameraFrame grey = JpegDecoder.decode("infrared", color, color.length, PixelFormat.MONO8, 1, 0);
        assertEquals(PixelFormat.MONO8, grey.format());
        assertEquals(640 * 480, grey.size());
        byte[] junk = {1, 2, 3, 4, 5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JpegDecoder.decode("color", junk, junk.length, PixelFormat.BGR8, 1, 0));
        assertEquals("stream color: not a readable JPEG (5 bytes)", e.getMessage());
    }
}
