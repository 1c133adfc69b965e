package dev.camrtc.sender.http;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Test helper: decodes JPEGs with the JDK's own decoder (independent of the OpenCV encoder). */
public final class Jpegs {

    private Jpegs() {
    }

    public static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (img == null) {
                throw new AssertionError("not a JPEG: " + jpeg.length + " bytes");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame stamp read from a decoded BGR or grey JPEG. */
    public static Optional<FrameStamp.Stamp> stamp(BufferedImage img) {
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        PixelFormat format = switch (img.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> PixelFormat.BGR8;
            case BufferedImage.TYPE_BYTE_GRAY -> PixelFormat.MONO8;
            default -> throw new AssertionError("unexpected decoded image type " + img.getType());
        };
        return FrameStamp.decode(ByteBuffer.wrap(px), img.getWidth(), img.getHeight(), format);
    }
}
