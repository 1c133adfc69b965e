package dev.camrtc.ros.frame;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.FramePool;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** An image that is a frame already (the MJPEG fallback decodes into its own buffer): nothing to convert. */
public final class ReadyImage implements ReceivedImage {
    private final CameraFrame frame;
    private final Instant stamp;
    private final AtomicBoolean released = new AtomicBoolean();

    public ReadyImage(CameraFrame frame, Instant stamp) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.stamp = Objects.requireNonNull(stamp, "stamp");
    }

    @Override
    public String stream() {
        return frame.stream();
    }

    @Override
    public ConvertedImage convert(FramePool pool) {
        if (released.get()) {
            throw new IllegalStateException("image of " + frame.stream() + " used after release");
        }
        return new ConvertedImage(frame, stamp, false);
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            throw new IllegalStateException("image of " + frame.stream() + " released twice");
        }
    }
}
