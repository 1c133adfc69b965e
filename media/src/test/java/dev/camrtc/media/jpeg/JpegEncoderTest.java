package dev.camrtc.media.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** OpenCV's JPEGs read back with the JDK's own decoder (independent of the encoder). */
class JpegEncoderTest {

    private static CameraFrame frame(PixelFormat format, boolean direct, long counter, long ms) {
        int w = 320;
        int h = 240;
        int size = w * h * format.bytesPerPixel();
        ByteBuffer px = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            px.put(i, (byte) (64 + (i / format.bytesPerPixel() % w) / 4));
        }
        FrameStamp.encode(px, w, h, format, counter, ms);
        return new CameraFrame("s", w, h, format, px, counter, ms);
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (img == null) {
                throw new AssertionError("not a JPEG: " + jpeg.length + " bytes");
            }
            return img;
        } catch (IOException e) {
            throw new AssertionError("not a JPEG", e);
        }
    }

    /** The frame stamp read from a decoded BGR or grey JPEG. */
    private static Optional<FrameStamp.Stamp> stamp(BufferedImage img) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        PixelFormat format = switch (img.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> PixelFormat.BGR8;
            case BufferedImage.TYPE_BYTE_GRAY -> PixelFormat.MONO8;
            default -> throw new AssertionError("unexpected decoded image type " + img.getType());
        };
        return FrameStamp.decode(ByteBuffer.wrap(px), img.getWidth(), img.getHeight(), format);
    }

    @Test
    void encodesBgrAndMonoFromDirectAndHeapBuffersIntoDecodableJpegs() {
        try (JpegEncoder encoder = new JpegEncoder(80)) {
            long ms = 1_700_000_000_123L;
            for (PixelFormat format : new PixelFormat[] {PixelFormat.BGR8, PixelFormat.MONO8}) {
                for (boolean direct : new boolean[] {true, false}) {
                    byte[] jpeg = encoder.encode(frame(format, direct, 42, ms));
                    assertEquals((byte) 0xFF, jpeg[0]);
                    assertEquals((byte) 0xD8, jpeg[1]);
                    assertEquals((byte) 0xD9, jpeg[jpeg.length - 1], "JPEG ends with EOI");
                    BufferedImage img = decode(jpeg);
                    assertEquals(320, img.getWidth());
                    assertEquals(240, img.getHeight());
                    assertEquals(format == PixelFormat.BGR8 ? 3 : 1, img.getRaster().getNumBands());
                    assertEquals(new FrameStamp.Stamp(42, ms), stamp(img).orElseThrow());
                }
            }
        }
    }

    @Test
    void qualityChangesTheSize() {
        CameraFrame f = frame(PixelFormat.BGR8, true, 1, 1);
        try (JpegEncoder low = new JpegEncoder(20); JpegEncoder high = new JpegEncoder(95)) {
            assertTrue(low.encode(f).length < high.encode(f).length);
            assertEquals(20, low.quality());
        }
    }

    @Test
    void refusesDepthAndBadQuality() {
        try (JpegEncoder encoder = new JpegEncoder(80)) {
            CameraFrame depth = new CameraFrame("depth_z16", 4, 4, PixelFormat.Z16, ByteBuffer.allocateDirect(32), 0, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(depth));
            assertTrue(e.getMessage().contains("depth_z16") && e.getMessage().contains("16UC1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new JpegEncoder(0));
        assertThrows(IllegalArgumentException.class, () -> new JpegEncoder(101));
    }
}
