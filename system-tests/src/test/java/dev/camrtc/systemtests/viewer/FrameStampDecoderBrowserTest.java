package dev.camrtc.systemtests.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.systemtests.browser.Chromium;
import dev.camrtc.systemtests.signaling.TestServer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The viewer's frame-stamp decoder (web-viewer js/framestamp.js, PROTOCOL.md 7) in real Chromium, against
 * frames stamped by the Java encoder (media FrameStamp), losslessly and after lossy JPEG compression.
 */
class FrameStampDecoderBrowserTest {

    private static final long MS = 1_700_000_000_000L;
    private static TestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        chromium = Chromium.shared();
        chromium.driver().get(server.http("/index.html").toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void crcOfTheSpecExample() {
        Object crc = chromium.asyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/framestamp.js').then(m => done(m.crc8(m.stampBytes(1, 1700000000000))));
                """);
        assertEquals(0xF5L, crc);
    }

    @Test
    void decodesJavaStampsLosslessAndAfterJpeg() throws IOException {
        Random random = new Random(7);
        int[][] sizes = {{640, 480}, {1280, 720}, {320, 240}};
        for (int[] size : sizes) {
            long counter = random.nextInt(1 << 24);
            long ms = MS + random.nextInt(1_000_000_000);
            BufferedImage image = stamped(size[0], size[1], counter, ms, random);
            for (String format : List.of("png", "jpeg")) {
                Map<?, ?> stamp = decodeInBrowser(dataUrl(image, format));
                String what = size[0] + "x" + size[1] + " " + format;
                assertEquals(counter, ((Number) stamp.get("counter")).longValue(), what);
                assertEquals(ms, ((Number) stamp.get("ms")).longValue(), what);
            }
        }
    }

    @Test
    void rejectsFramesWithoutAValidStamp() throws IOException {
        Random random = new Random(11);
        BufferedImage noise = noise(640, 480, random);
        assertNull(decodeInBrowser(dataUrl(noise, "png")), "no stamp");

        BufferedImage flipped = stamped(640, 480, 12345, MS, random);
        byte[] bgr = ((DataBufferByte) flipped.getRaster().getDataBuffer()).getData();
        invertBlock(bgr, 640, 30); // one counter bit: the CRC no longer matches
        assertNull(decodeInBrowser(dataUrl(flipped, "png")), "flipped bit");

        BufferedImage flat = stamped(640, 480, 12345, MS, random);
        byte[] flatBgr = ((DataBufferByte) flat.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < 640 * 32 * 3; i++) {
            flatBgr[i] = (byte) (100 + (flatBgr[i] & 0xFF) * 40 / 255); // contrast 40 < 60
        }
        assertNull(decodeInBrowser(dataUrl(flat, "png")), "low contrast");
    }

    private Map<?, ?> decodeInBrowser(String dataUrl) {
        return (Map<?, ?>) chromium.asyncScript("""
                const [url, done] = arguments;
                import('/js/framestamp.js').then(async (m) => {
                  const img = new Image();
                  img.src = url;
                  await img.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = img.naturalWidth;
                  canvas.height = img.naturalHeight;
                  const ctx = canvas.getContext('2d');
                  ctx.drawImage(img, 0, 0);
                  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                  done(m.decodeFrameStamp(pixels, canvas.width, canvas.height));
                }).catch(e => done({error: String(e)}));
                """, dataUrl);
    }

    /** A noisy BGR image stamped by the Java encoder. */
    private static BufferedImage stamped(int width, int height, long counter, long ms, Random random) {
        BufferedImage image = noise(width, height, random);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        FrameStamp.encode(ByteBuffer.wrap(bgr), width, height, PixelFormat.BGR8, counter, ms);
        return image;
    }

    /** A test-card-like background: gradients, a checkerboard and a little noise (compresses well). */
    private static BufferedImage noise(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int phase = random.nextInt(64);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean check = (((x + phase) / 37) + (y / 37)) % 2 == 0;
                int jitter = random.nextInt(8);
                bgr[i] = (byte) (x * 255 / width);
                bgr[i + 1] = (byte) (y * 255 / height);
                bgr[i + 2] = (byte) ((check ? 200 : 50) + jitter);
            }
        }
        return image;
    }

    private static void invertBlock(byte[] bgr, int width, int block) {
        int x0 = block * width / 40;
        int x1 = (block + 1) * width / 40;
        for (int y = 0; y < 16; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = (y * width + x) * 3 + c;
                    bgr[i] = (byte) (255 - (bgr[i] & 0xFF));
                }
            }
        }
    }

    private static String dataUrl(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("jpeg")) {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter writer = writers.next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.5f);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        } else {
            ImageIO.write(image, format, out);
        }
        return "data:image/" + format + ";base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
