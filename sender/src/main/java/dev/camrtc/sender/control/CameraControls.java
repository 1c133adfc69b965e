package dev.camrtc.sender.control;

import java.util.List;

/**
 * A camera's adjustable options (PROTOCOL.md 3.6 and the MJPEG {@code /set} endpoint).
 * Values are {@link Number} for numeric controls and {@link Boolean} for boolean ones.
 */
public interface CameraControls {

    /** Every control this camera supports, with its range and current value. */
    List<ControlInfo> list();

    /** The current value of {@code name}. */
    Object get(String name) throws ControlException;

    /**
     * Validates and applies {@code value}; returns the value now in effect (possibly rounded to the
     * control's step). Throws, changing nothing, for an unknown name, a wrong type or an out-of-range value.
     */
    Object set(String name, Object value) throws ControlException;

    /** The controls of a source that has none (a webcam through FFmpeg, a file, ROS topics). */
    static CameraControls none() {
        return NoControls.INSTANCE;
    }
}

/** {@link CameraControls#none()}: an empty list; every get and set is refused. */
final class NoControls implements CameraControls {
    static final NoControls INSTANCE = new NoControls();

    private NoControls() {
    }

    @Override
    public List<ControlInfo> list() {
        return List.of();
    }

    @Override
    public Object get(String name) throws ControlException {
        throw new ControlException(name, "this source has no camera controls");
    }

    @Override
    public Object set(String name, Object value) throws ControlException {
        throw new ControlException(name, "this source has no camera controls");
    }
}
