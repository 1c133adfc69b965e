package dev.camrtc.ros.publish;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.jpeg.JpegEncoder;
import dev.camrtc.dds.CompressedImagePublisher;
import dev.camrtc.dds.Defaults;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's {@code image_raw/compressed} topic: JPEG-encodes a frame and publishes it as
 * {@code sensor_msgs/CompressedImage} (format {@value Defaults#JPEG_FORMAT}), but only while the topic has
 * subscribers, so an unwatched topic costs no encoding. Owns its encoder, which is not thread-safe: call
 * {@link #publish} from one thread (the stream's publishing thread).
 */
public final class CompressedImageOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompressedImageOutput.class);
    /** JPEG quality of the compressed topics unless another is chosen ({@code --jpeg-quality}). */
    public static final int DEFAULT_QUALITY = 80;

    private final CompressedImagePublisher publisher;
    private final JpegEncoder encoder;
    private boolean unsupportedLogged;

    /** Takes ownership of {@code publisher}; {@code quality} 1..100. */
    public CompressedImageOutput(CompressedImagePublisher publisher, int quality) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.encoder = new JpegEncoder(quality);
    }

    public String topic() {
        return publisher.topic();
    }

    /**
     * Encodes and publishes {@code frame} with the image's stamp and frame id when someone subscribes.
     *
     * @return true when a JPEG was published
     */
    public boolean publish(CameraFrame frame, Instant stamp, String frameId) {
        if (publisher.subscriptionCount() == 0) {
            return false;
        }
        if (!JpegEncoder.supports(frame.format())) {
            if (!unsupportedLogged) {
                unsupportedLogged = true;
                LOG.info("{}: stream {} is {}, which JPEG cannot carry; nothing published here", publisher.topic(),
                        frame.stream(), frame.format().rosEncoding());
            }
            return false;
        }
        return publisher.publish(ByteBuffer.wrap(encoder.encode(frame)), Defaults.JPEG_FORMAT, stamp, frameId);
    }

    /** Frames published, and dropped by the DDS write. */
    public long publishedCount() {
        return publisher.publishedCount();
    }

    /** Deletes the writer and frees the encoder; call after the publishing thread stopped. */
    @Override
    public void close() {
        publisher.close();
        encoder.close();
    }
}
