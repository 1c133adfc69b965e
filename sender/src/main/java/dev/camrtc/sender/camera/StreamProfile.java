package dev.camrtc.sender.camera;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A requested stream profile in realsense-ros style, {@code WIDTHxHEIGHTxFPS} (e.g. {@code 640x480x30});
 * 0 in any place lets the camera choose.
 */
public record StreamProfile(int width, int height, int fps) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,5})x(\\d{1,5})x(\\d{1,4})");

    public StreamProfile {
        if (width < 0 || height < 0 || fps < 0) {
            throw new IllegalArgumentException("profile values must not be negative: " + width + "x" + height + "x" + fps);
        }
    }

    /** Parses {@code WIDTHxHEIGHTxFPS}; a bad form is an IllegalArgumentException naming the expected form. */
    public static StreamProfile parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad stream profile '" + text + "': expected WIDTHxHEIGHTxFPS, e.g. 640x480x30");
        }
        return new StreamProfile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + fps;
    }
}
