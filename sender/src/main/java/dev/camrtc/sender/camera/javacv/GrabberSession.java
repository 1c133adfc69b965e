package dev.camrtc.sender.camera.javacv;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import dev.camrtc.sender.camera.CameraUnavailableException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** One open FFmpeg grabber delivering bgr24 images; closed in one place ({@link #close()}). */
final class GrabberSession implements AutoCloseable {
    /** Network read timeout for MJPEG cameras, microseconds. */
    private static final String NETWORK_TIMEOUT_MICROS = "5000000";

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
    }

    private final GrabberSpec spec;
    private final FFmpegFrameGrabber grabber;
    private Frame last;

    private GrabberSession(GrabberSpec spec, FFmpegFrameGrabber grabber) {
        this.spec = spec;
        this.grabber = grabber;
    }

    /** Opens {@code spec}; a missing device, file or camera is a CameraUnavailableException saying how to fix it. */
    static GrabberSession open(GrabberSpec spec) {
        if (spec.kind() == GrabberSpec.Kind.V4L2) {
            Path dev = Path.of(spec.target());
            if (!Files.exists(dev)) {
                throw new CameraUnavailableException("webcam " + dev + " not found: plug in a USB camera and check"
                        + " 'ls /dev/video*' (or pass --source testpattern)");
            }
            if (!Files.isReadable(dev)) {
                throw new CameraUnavailableException("webcam " + dev + " is not readable by this user: add it to the"
                        + " 'video' group (sudo usermod -aG video $USER) and log in again");
            }
        } else if (spec.kind() == GrabberSpec.Kind.FILE && !Files.isReadable(Path.of(spec.target()))) {
            throw new CameraUnavailableException("video file " + spec.target() + " does not exist or is not readable");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(spec.target());
        switch (spec.kind()) {
            case V4L2 -> {
                grabber.setFormat("video4linux2");
                if (spec.width() > 0 && spec.height() > 0) {
                    grabber.setOption("video_size", spec.width() + "x" + spec.height());
                }
                if (spec.fps() > 0) {
                    grabber.setOption("framerate", Integer.toString(spec.fps()));
                }
            }
            case MJPEG -> {
                grabber.setFormat("mpjpeg");
                grabber.setOption("rw_timeout", NETWORK_TIMEOUT_MICROS);
                grabber.setOption("fflags", "nobuffer");
                grabber.setOption("flags", "low_delay");
            }
            case FILE -> {
            }
        }
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new CameraUnavailableException("cannot open " + spec + ": " + e.getMessage()
                    + (spec.kind() == GrabberSpec.Kind.MJPEG ? " (is the camera's URL right and reachable?)" : ""));
        }
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0) {
            closeQuietly(grabber);
            throw new CameraUnavailableException(spec + " has no video stream");
        }
        return new GrabberSession(spec, grabber);
    }

    int width() {
        return grabber.getImageWidth();
    }

    int height() {
        return grabber.getImageHeight();
    }

    /** The stream's frame rate, or {@code fallback} when FFmpeg does not know it. */
    int fps(int fallback) {
        double rate = grabber.getVideoFrameRate();
        return rate > 0 && rate < 1000 ? (int) Math.round(rate) : fallback;
    }

    /** Presentation time of the last grabbed image, microseconds. */
    long timestampMicros() {
        return grabber.getTimestamp();
    }

    /** Grabs the next image; false at the end of a file. Read it with {@link #copyTo} before the next grab. */
    boolean grab() throws FrameGrabber.Exception {
        Frame frame = grabber.grabImage();
        if (frame == null || frame.image == null) {
            last = null;
            return false;
        }
        last = frame;
        return true;
    }

    /** Copies the grabbed image as tightly packed bgr8 into {@code dst} (from its position, width*3*height bytes). */
    void copyTo(ByteBuffer dst) {
        Frame frame = last;
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int row = w * 3;
        int stride = frame.imageStride;
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        for (int y = 0; y < h; y++) {
            src.limit(y * stride + row).position(y * stride);
            dst.put(src);
        }
    }

    /** Back to the first frame (file loop). */
    void rewind() throws FrameGrabber.Exception {
        grabber.setTimestamp(0);
    }

    GrabberSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // closing a failed grabber: nothing left to free
        }
    }
}
