package dev.camrtc.sender.camera.realsense;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.sender.camera.CaptureLoop;

/**
 * Turns captured RealSense frames into the published streams: each stream under its own name, depth as the
 * colorized {@code depth} view and/or the raw {@code depth_z16}, only the demanded ones (all announced ones
 * when always on), each copied (or colorized) straight from librealsense's memory into a pooled frame.
 * Used by the capture thread only.
 */
final class RealSenseFramePublisher {
    private final DepthColorizer colorizer;
    private final boolean alwaysOn;

    RealSenseFramePublisher(DepthColorizer colorizer, boolean alwaysOn) {
        this.colorizer = colorizer;
        this.alwaysOn = alwaysOn;
    }

    void publish(CapturedFrame f, CaptureLoop.Frames frames) {
        long now = System.currentTimeMillis();
        if (f.stream() == RealSenseStream.DEPTH) {
            if (wanted(RealSenseStream.DEPTH_RAW_NAME, frames)) {
                CameraFrame raw = frames.acquire(RealSenseStream.DEPTH_RAW_NAME, f.width(), f.height(), PixelFormat.Z16, now);
                if (raw != null) {
                    f.copyTo(raw.writablePixels());
                    frames.deliver(raw);
                }
            }
            if (wanted(RealSenseStream.DEPTH_COLORIZED_NAME, frames)) {
                CameraFrame view = frames.acquire(RealSenseStream.DEPTH_COLORIZED_NAME, f.width(), f.height(),
                        PixelFormat.BGR8, now);
                if (view != null) {
                    colorizer.colorize(f.data(), f.stride(), f.width(), f.height(), view.writablePixels());
                    frames.deliver(view);
                }
            }
        } else if (wanted(f.stream().streamName(), frames)) {
            CameraFrame out = frames.acquire(f.stream().streamName(), f.width(), f.height(), f.stream().pixelFormat(), now);
            if (out != null) {
                f.copyTo(out.writablePixels());
                frames.deliver(out);
            }
        }
    }

    /** Raw depth (a data-channel stream) is published only on demand, even when always on: nothing else reads it. */
    private boolean wanted(String name, CaptureLoop.Frames frames) {
        return frames.demand().contains(name) || (alwaysOn && !name.equals(RealSenseStream.DEPTH_RAW_NAME));
    }
}
