package dev.camrtc.ros.frame;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import dev.camrtc.media.frame.I420Converter;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.onvoid.webrtc.media.video.I420Buffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A frame as WebRTC's decoder delivered it (I420), held by one reference of its own until {@link #release()}:
 * nothing is copied or converted on the decoder thread. {@link #convert} (on the publishing thread, only for
 * frames that are published) reads the frame stamp from the luma plane and converts to bgr8 (libyuv) or mono8
 * (the luma plane) into a pooled buffer.
 */
public final class DecodedImage implements ReceivedImage {
    private final String stream;
    private final PixelFormat format;
    private final I420Buffer i420;
    private final long receivedAtMillis;
    private final AtomicBoolean released = new AtomicBoolean();

    private DecodedImage(String stream, PixelFormat format, I420Buffer i420, long receivedAtMillis) {
        this.stream = stream;
        this.format = format;
        this.i420 = i420;
        this.receivedAtMillis = receivedAtMillis;
    }

    /** Takes a reference on {@code i420} (valid beyond the decoder's call from here on) and wraps it. */
    public static DecodedImage retain(String stream, PixelFormat format, I420Buffer i420, long receivedAtMillis) {
        i420.retain();
        return new DecodedImage(stream, format, i420, receivedAtMillis);
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public ConvertedImage convert(FramePool pool) {
        if (released.get()) {
            throw new IllegalStateException("frame of " + stream + " used after release");
        }
        int w = i420.getWidth();
        int h = i420.getHeight();
        Optional<FrameStamp.Stamp> stamp = FrameStamp.decodeLuma(i420.getDataY(), i420.getStrideY(), w, h);
        long capture = stamp.map(FrameStamp.Stamp::captureTimeMillis).orElse(receivedAtMillis);
        CameraFrame frame = ConvertedImage.pooledFrame(pool, stream, w, h, format,
                stamp.map(FrameStamp.Stamp::counter).orElse(0L), capture);
        try {
            I420Converter.fromI420(i420, format, frame.writablePixels());
            return new ConvertedImage(frame, Instant.ofEpochMilli(capture), true, stamp.isPresent());
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            throw new IllegalStateException("frame of " + stream + " released twice");
        }
        i420.release();
    }
}
