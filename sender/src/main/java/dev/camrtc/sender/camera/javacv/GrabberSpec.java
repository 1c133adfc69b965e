package dev.camrtc.sender.camera.javacv;

import java.util.Objects;

/**
 * What an FFmpeg-backed source reads.
 *
 * @param kind   webcam, file or MJPEG URL
 * @param target device path, file path or URL
 * @param width  requested width (webcam only; 0 = the camera's default)
 * @param height requested height (webcam only; 0 = the camera's default)
 * @param fps    requested rate (webcam only; 0 = the camera's default)
 */
public record GrabberSpec(Kind kind, String target, int width, int height, int fps) {

    public enum Kind {
        /** A V4L2 video device such as /dev/video0 (any USB webcam). */
        V4L2,
        /** A video file, played at its own frame rate and looped. */
        FILE,
        /** An existing MJPEG HTTP camera (multipart/x-mixed-replace), re-published; always the newest frame. */
        MJPEG
    }

    public GrabberSpec {
        Objects.requireNonNull(kind, "kind");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " source needs a target after the colon");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case V4L2 -> "webcam " + target;
            case FILE -> "file " + target;
            case MJPEG -> "MJPEG camera " + target;
        };
    }
}
