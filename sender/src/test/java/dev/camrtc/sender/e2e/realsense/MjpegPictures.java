package dev.camrtc.sender.e2e.realsense;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A plain MJPEG client for tests: reads parts of a {@code multipart/x-mixed-replace} stream by their
 * {@code Content-Length} and decodes them with the JDK's JPEG decoder into tightly packed BGR8 or MONO8.
 */
final class MjpegPictures {

    private MjpegPictures() {
    }

    /** {@code count} pictures of {@code http://127.0.0.1:port/path}, skipping the first part. */
    static List<byte[]> read(int port, String path, int count, int bytesPerPixel, long timeoutSeconds)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        c.setConnectTimeout((int) (timeoutSeconds * 1000));
        c.setReadTimeout((int) (timeoutSeconds * 1000));
        try (InputStream in = c.getInputStream()) {
            if (!c.getContentType().startsWith("multipart/x-mixed-replace")) {
                throw new AssertionError(path + ": content type " + c.getContentType());
            }
            List<byte[]> out = new ArrayList<>();
            for (int part = 0; out.size() < count; part++) {
                byte[] jpeg = nextPart(in);
                if (part > 0) {
                    out.add(pixels(jpeg, bytesPerPixel));
                }
            }
            return out;
        } finally {
            c.disconnect();
        }
    }

    private static byte[] nextPart(InputStream in) throws IOException {
        int length = -1;
        String line;
        do { // skip the boundary, read the part's headers up to the blank line
            line = readLine(in);
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        } while (!(line.isEmpty() && length >= 0));
        return in.readNBytes(length);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new AssertionError("MJPEG stream ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] pixels(byte[] jpeg, int bytesPerPixel) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (decoded == null) {
            throw new AssertionError("not a JPEG: " + jpeg.length + " bytes");
        }
        int type = bytesPerPixel == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY;
        BufferedImage packed = decoded;
        if (decoded.getType() != type) {
            packed = new BufferedImage(decoded.getWidth(), decoded.getHeight(), type);
            Graphics2D g = packed.createGraphics();
            g.drawImage(decoded, 0, 0, null);
            g.dispose();
        }
        return ((DataBufferByte) packed.getRaster().getDataBuffer()).getData();
    }
}
