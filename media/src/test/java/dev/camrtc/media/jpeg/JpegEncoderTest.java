package dev.camrtc.media.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** TurboJPEG's JPEGs read back with the JDK's own decoder (independent of the encoder). */
class JpegEncoderTest {

    private static CameraFrame frame(PixelFormat format, boolean direct, long counter, long ms) {
        return frame(320, 240, format, direct, counter, ms);
    }

    private static CameraFrame frame(int w, int h, PixelFormat format, boolean direct, long counter, long ms) {
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

    @Test
    void decodedPixelsAreCloseToTheSource() {
        try (JpegEncoder encoder = new JpegEncoder(90)) {
            for (PixelFormat format : new PixelFormat[] {PixelFormat.BGR8, PixelFormat.MONO8}) {
                CameraFrame f = frame(format, true, 7, 7);
                BufferedImage img = decode(encoder.encode(f));
                byte[] back = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
                ByteBuffer src = f.pixels();
                assertEquals(src.remaining(), back.length, format + ": same layout (BGR order for bgr8)");
                long sum = 0;
                int worst = 0;
                for (int i = 0; i < back.length; i++) {
                    int d = Math.abs((src.get(i) & 0xFF) - (back[i] & 0xFF));
                    sum += d;
                    worst = Math.max(worst, d);
                }
                double mean = (double) sum / back.length;
                assertTrue(mean < 2.0, format + ": mean error " + mean);
                assertTrue(worst < 64, format + ": worst error " + worst);
            }
        }
    }

    @Test
    void coloursKeepTheirChannels() {
        int w = 64;
        int h = 64;
        ByteBuffer px = ByteBuffer.allocateDirect(w * h * 3);
        for (int i = 0; i < w * h; i++) {   // pure blue in BGR order
            px.put(i * 3, (byte) 200).put(i * 3 + 1, (byte) 10).put(i * 3 + 2, (byte) 10);
        }
        try (JpegEncoder encoder = new JpegEncoder(90)) {
            BufferedImage img = decode(encoder.encode(new CameraFrame("s", w, h, PixelFormat.BGR8, px, 1, 1)));
            int rgb = img.getRGB(w / 2, h / 2);
            assertTrue((rgb & 0xFF) > 180 && (rgb >> 16 & 0xFF) < 40, "blue stays blue: " + Integer.toHexString(rgb));
        }
    }

    /** The guard of issue 9: after the first frame the encoder writes every JPEG into the same native buffer. */
    @Test
    void reusesOneNativeOutputBufferAcrossFrames() {
        CameraFrame bgr = frame(PixelFormat.BGR8, true, 1, 1);
        CameraFrame mono = frame(PixelFormat.MONO8, true, 1, 1);
        CameraFrame heap = frame(PixelFormat.BGR8, false, 1, 1);
        try (JpegEncoder encoder = new JpegEncoder(80)) {
            assertEquals(0, encoder.outputAddress(), "nothing allocated before the first frame");
            byte[] first = encoder.encode(bgr);
            long address = encoder.outputAddress();
            assertNotEquals(0, address);
            byte[] reused = new byte[first.length + 16];
            for (int i = 0; i < 200; i++) {
                CameraFrame f = switch (i % 3) {
                    case 0 -> bgr;
                    case 1 -> mono;
                    default -> heap;
                };
                if (i % 2 == 0) {
                    encoder.encode(f);
                } else if (f == bgr) {
                    assertEquals(first.length, encoder.encode(f, reused));
                }
                assertEquals(address, encoder.outputAddress(), "frame " + i + " reallocated the output buffer");
            }
            int n = encoder.encode(bgr, reused);
            assertArrayEquals(first, java.util.Arrays.copyOf(reused, n), "same frame, same bytes");
            assertEquals(-1, encoder.encode(bgr, new byte[10]), "too small an array is refused, not overrun");

            CameraFrame large = frame(640, 480, PixelFormat.BGR8, true, 2, 2);
            encoder.encode(large);
            long grown = encoder.outputAddress();
            for (int i = 0; i < 20; i++) {
                encoder.encode(i % 2 == 0 ? large : bgr);
                assertEquals(grown, encoder.outputAddress(), "grows once for a larger frame, never shrinks");
            }
        }
    }

    @Test
    void closeTwiceIsSafeAndEncodeAfterCloseIsAnError() {
        JpegEncoder encoder = new JpegEncoder(80);
        encoder.encode(frame(PixelFormat.MONO8, true, 1, 1));
        encoder.close();
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.encode(frame(PixelFormat.MONO8, true, 1, 1)));
    }

    /** A close from another thread while frames are being encoded ends encoding cleanly (no crash, no corrupt JPEG). */
    @Test
    void closeDuringEncodingFromAnotherThreadIsSafe() throws Exception {
        CameraFrame f = frame(640, 480, PixelFormat.BGR8, true, 3, 3);
        JpegEncoder encoder = new JpegEncoder(80);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    byte[] jpeg = encoder.encode(f);
                    started.countDown();
                    assertEquals((byte) 0xD9, jpeg[jpeg.length - 1]);
                }
            } catch (IllegalStateException closed) {
                if (!closed.getMessage().contains("closed")) {
                    failure.set(closed);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS));
        encoder.close();
        t.join(30_000);
        assertTrue(!t.isAlive(), "the encoding thread stopped");
        assertEquals(null, failure.get());
    }
}
