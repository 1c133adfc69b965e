package dev.camrtc.sender.camera.realsense;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.sender.camera.FrameSink;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns captured RealSense frames into the published streams: each stream under its own name, depth as the
 * colorized {@code depth} view and/or the raw {@code depth_z16}, only the demanded ones (all announced ones
 * when always on), with a per-stream sequence number. Used by the capture thread only.
 */
final class RealSenseFramePublisher {
    private final DepthColorizer colorizer;
    private final boolean alwaysOn;
    private final Map<String, Long> sequences = new HashMap<>();

    RealSenseFramePublisher(DepthColorizer colorizer, boolean alwaysOn) {
        this.colorizer = colorizer;
        this.alwaysOn = alwaysOn;
    }

    void publish(CapturedFrame f, Set<String> demand, FrameSink sink) {
        long now = System.currentTimeMillis();
        if (f.stream() == RealSenseStream.DEPTH) {
            if (wanted(RealSenseStream.DEPTH_RAW_NAME, demand)) {
                push(sink, RealSenseStream.DEPTH_RAW_NAME, f.width(), f.height(), PixelFormat.Z16, f.pixels(), now);
            }
            if (wanted(RealSenseStream.DEPTH_COLORIZED_NAME, demand)) {
                push(sink, RealSenseStream.DEPTH_COLORIZED_NAME, f.width(), f.height(), PixelFormat.BGR8,
                        colorizer.colorize(f.pixels(), f.width(), f.height()), now);
            }
        } else if (wanted(f.stream().streamName(), demand)) {
            push(sink, f.stream().streamName(), f.width(), f.height(), f.stream().pixelFormat(), f.pixels(), now);
        }
    }

    /** Raw depth is never announced, so it is published only on explicit demand, even when always on. */
    private boolean wanted(String name, Set<String> demand) {
        return demand.contains(name) || (alwaysOn && !name.equals(RealSenseStream.DEPTH_RAW_NAME));
    }

    private void push(FrameSink sink, String name, int w, int h, PixelFormat format, ByteBuffer pixels, long now) {
        long seq = sequences.merge(name, 1L, Long::sum);
        sink.accept(new CameraFrame(name, w, h, format, pixels, seq, now));
    }
}
