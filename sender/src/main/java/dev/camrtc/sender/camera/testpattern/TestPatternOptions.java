package dev.camrtc.sender.camera.testpattern;

import dev.camrtc.media.stamp.FrameStamp;
import java.util.Objects;

/**
 * Settings of a {@link TestPatternSource}. The defaults live here and nowhere else:
 * 640x480 at 30 frames per second, sender name {@value #DEFAULT_SENDER_NAME}.
 *
 * @param senderName drawn into every picture (1..64 printable ASCII characters)
 * @param width      pixels, {@value #MIN_WIDTH}..{@value #MAX_WIDTH}
 * @param height     pixels, {@value #MIN_HEIGHT}..{@value #MAX_HEIGHT}
 * @param fps        frames per second, 1..{@value #MAX_FPS}
 * @param depth      also draw {@code depth_z16}, the lossless depth pattern of PROTOCOL.md 8
 *                   ({@code --enable-depth}); off by default
 */
public record TestPatternOptions(String senderName, int width, int height, int fps, boolean depth) {

    public static final String DEFAULT_SENDER_NAME = "test-pattern";
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final int DEFAULT_FPS = 30;

    /** The frame stamp needs at least one pixel per block; 160x120 keeps the text legible. */
    public static final int MIN_WIDTH = Math.max(160, FrameStamp.MIN_WIDTH);
    public static final int MIN_HEIGHT = Math.max(120, FrameStamp.MIN_HEIGHT);
    public static final int MAX_WIDTH = 3840;
    public static final int MAX_HEIGHT = 2160;
    public static final int MAX_FPS = 120;

    public TestPatternOptions {
        Objects.requireNonNull(senderName, "senderName");
        if (senderName.isEmpty() || senderName.length() > 64 || !senderName.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("test pattern sender name must be 1..64 printable ASCII characters, got '"
                    + senderName + "'");
        }
        if (width < MIN_WIDTH || width > MAX_WIDTH || height < MIN_HEIGHT || height > MAX_HEIGHT) {
            throw new IllegalArgumentException("test pattern size must be within " + MIN_WIDTH + "x" + MIN_HEIGHT
                    + " .. " + MAX_WIDTH + "x" + MAX_HEIGHT + ", got " + width + "x" + height);
        }
        if (fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("test pattern rate must be 1.." + MAX_FPS + " fps, got " + fps);
        }
    }

    public TestPatternOptions(String senderName, int width, int height, int fps) {
        this(senderName, width, height, fps, false);
    }

    /** 640x480 at 30 fps with the given sender name. */
    public static TestPatternOptions defaults(String senderName) {
        return new TestPatternOptions(senderName, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FPS);
    }

    /** All defaults. */
    public static TestPatternOptions defaults() {
        return defaults(DEFAULT_SENDER_NAME);
    }

    public TestPatternOptions withSize(int newWidth, int newHeight) {
        return new TestPatternOptions(senderName, newWidth, newHeight, fps, depth);
    }

    public TestPatternOptions withFps(int newFps) {
        return new TestPatternOptions(senderName, width, height, newFps, depth);
    }

    public TestPatternOptions withDepth(boolean enabled) {
        return new TestPatternOptions(senderName, width, height, fps, enabled);
    }
}
