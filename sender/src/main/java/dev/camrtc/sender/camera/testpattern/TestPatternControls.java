package dev.camrtc.sender.camera.testpattern;

import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import java.util.List;

/**
 * The test pattern's controls: {@code brightness} (an offset added to every pixel, {@value #BRIGHTNESS_MIN}..
 * {@value #BRIGHTNESS_MAX}, step 1, default 0) and {@code pattern} (index into {@link Pattern}: 0 bars,
 * 1 gradient, 2 checker; default 0). Values are integers; a fractional number is rounded to the step.
 * Thread-safe: the capture thread reads the values while HTTP or signaling threads set them.
 */
public final class TestPatternControls implements CameraControls {

    public static final String BRIGHTNESS = "brightness";
    public static final String PATTERN = "pattern";
    public static final int BRIGHTNESS_MIN = -64;
    public static final int BRIGHTNESS_MAX = 64;
    public static final int BRIGHTNESS_DEFAULT = 0;
    public static final int PATTERN_DEFAULT = 0;

    private volatile int brightness = BRIGHTNESS_DEFAULT;
    private volatile int pattern = PATTERN_DEFAULT;

    @Override
    public List<ControlInfo> list() {
        return List.of(
                new ControlInfo(BRIGHTNESS, BRIGHTNESS_MIN, BRIGHTNESS_MAX, 1, BRIGHTNESS_DEFAULT, brightness),
                new ControlInfo(PATTERN, 0, Pattern.values().length - 1, 1, PATTERN_DEFAULT, pattern));
    }

    @Override
    public Object get(String name) throws ControlException {
        return switch (known(name)) {
            case BRIGHTNESS -> brightness;
            default -> pattern;
        };
    }

    @Override
    public synchronized Object set(String name, Object value) throws ControlException {
        switch (known(name)) {
            case BRIGHTNESS -> brightness = integer(name, value, BRIGHTNESS_MIN, BRIGHTNESS_MAX);
            default -> pattern = integer(name, value, 0, Pattern.values().length - 1);
        }
        return get(name);
    }

    /** The current brightness offset. */
    public int brightness() {
        return brightness;
    }

    /** The current background. */
    public Pattern pattern() {
        return Pattern.values()[pattern];
    }

    private static String known(String name) throws ControlException {
        if (BRIGHTNESS.equals(name) || PATTERN.equals(name)) {
            return name;
        }
        throw new ControlException(name, "unknown control '" + name + "' (known: " + BRIGHTNESS + ", " + PATTERN + ")");
    }

    private static int integer(String name, Object value, int min, int max) throws ControlException {
        if (!(value instanceof Number number) || value instanceof Float f && !Float.isFinite(f)
                || value instanceof Double d && !Double.isFinite(d)) {
            throw new ControlException(name, name + " takes a number in " + min + ".." + max + ", got " + value);
        }
        double v = number.doubleValue();
        if (v < min || v > max) {
            throw new ControlException(name, name + " must be within " + min + ".." + max + ", got " + value);
        }
        return (int) Math.round(v);
    }
}
