package dev.camrtc.sender.camera.ros;

import dev.camrtc.dds.CompressedImageSample;
import dev.camrtc.dds.CompressedImageSubscriber;
import dev.camrtc.dds.ImageSample;
import dev.camrtc.dds.ImageSubscriber;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.RosSubscriber;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.jpeg.JpegDecompressor;
import dev.camrtc.sender.camera.CaptureLoop;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watched stream of the ROS source, on the capture thread: its subscriber, and the newest image turned into
 * a pooled frame (raw images copied or converted by {@link ImageConversion}, CompressedImage JPEG decoded by
 * TurboJPEG straight into the frame) with header.stamp as capture time. An image that cannot become a frame is
 * one error per subscription naming the topic and what it carries; its frames are dropped until it can.
 */
final class StreamFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFeed.class);

    private final RosStream stream;
    private final RosSubscriber subscriber;
    private final JpegDecompressor jpeg;
    private final String label;
    private boolean failing;

    StreamFeed(RosGraph graph, RosStream stream, QosOptions qos, JpegDecompressor jpeg, String label) {
        this.stream = stream;
        this.jpeg = jpeg;
        this.label = label;
        this.subscriber = stream.spec().compressed() ? graph.compressedImageSubscriber(stream.spec().imageTopic(), qos)
                : graph.imageSubscriber(stream.spec().imageTopic(), qos);
    }

    RosSubscriber subscriber() {
        return subscriber;
    }

    RosStream stream() {
        return stream;
    }

    /** Takes the newest image, if one came, and delivers it as a frame. */
    void take(CaptureLoop.Frames frames) {
        if (subscriber instanceof CompressedImageSubscriber c) {
            c.takeNewest(sample -> deliverJpeg(frames, sample));
        } else {
            ((ImageSubscriber) subscriber).takeNewest(sample -> deliver(frames, sample));
        }
    }

    private void deliver(CaptureLoop.Frames frames, ImageSample sample) {
        String problem = ImageConversion.problem(sample, stream.format());
        if (problem != null) {
            fail(sample.width() + "x" + sample.height() + " " + sample.encoding() + ": " + problem);
            return;
        }
        recovered();
        CameraFrame frame = frames.acquireMicros(stream.name(), sample.width(), sample.height(), stream.format(),
                captureMicros(sample.stampNanos()));
        if (frame != null) {
            ImageConversion.copy(sample, frame.writablePixels());
            frames.deliver(frame);
        }
    }

    private void deliverJpeg(CaptureLoop.Frames frames, CompressedImageSample sample) {
        if (!isJpeg(sample.format())) {
            fail("CompressedImage format '" + sample.format() + "': the sender decodes JPEG only");
            return;
        }
        JpegDecompressor.Size size;
        try {
            size = jpeg.size(sample.data());
        } catch (IllegalArgumentException e) {
            fail("CompressedImage " + e.getMessage());
            return;
        }
        CameraFrame frame = frames.acquireMicros(stream.name(), size.width(), size.height(), stream.format(),
                captureMicros(sample.stampNanos()));
        if (frame == null) {
            return;
        }
        try {
            jpeg.decode(sample.data(), size, stream.format(), frame.writablePixels());
        } catch (IllegalArgumentException e) {
            frame.release();
            fail("CompressedImage " + e.getMessage());
            return;
        }
        recovered();
        frames.deliver(frame);
    }

    /** image_transport writes {@code jpeg} or {@code <encoding>; jpeg compressed <encoding>}. */
    static boolean isJpeg(String format) {
        return format.toLowerCase(Locale.ROOT).contains("jpeg");
    }

    /** header.stamp in microseconds (its nanoseconds floored); the receive time when the publisher left it 0. */
    private static long captureMicros(long stampNanos) {
        return stampNanos > 0 ? Math.floorDiv(stampNanos, 1000L) : CameraFrame.microsOf(System.currentTimeMillis());
    }

    private void fail(String what) {
        if (!failing) {
            failing = true;
            LOG.error("[{}] ROS topic {} carries {}; its frames are dropped", label, stream.spec().imageTopic(), what);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("[{}] ROS topic {} streams again", label, stream.spec().imageTopic());
        }
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
