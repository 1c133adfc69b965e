package dev.camrtc.sender.camera.testpattern;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Draws the colour (bgr8) picture: a scrolling background chosen by {@link Pattern}, the moving
 * {@link SceneOverlay} and the brightness offset. The backgrounds are computed once, larger than the
 * frame, so each frame costs one block copy plus a few OpenCV drawing calls. Not thread-safe: one
 * capture thread uses it.
 */
final class ColorPatternRenderer implements AutoCloseable {

    private final TestPatternOptions options;
    private final SceneOverlay overlay;
    private final Map<Pattern, Mat> backgrounds = new EnumMap<>(Pattern.class);
    private final int cell;

    ColorPatternRenderer(TestPatternOptions options, SceneOverlay overlay) {
        this.options = options;
        this.overlay = overlay;
        this.cell = Math.max(8, options.height() / 8);
        backgrounds.put(Pattern.BARS, bars(options.width(), options.height()));
        backgrounds.put(Pattern.GRADIENT, gradient(options.width(), options.height()));
        backgrounds.put(Pattern.CHECKER, checker(options.width(), options.height(), cell));
    }

    /** Renders into {@code target}, a direct buffer of width * height * 3 bytes. */
    void render(ByteBuffer target, Pattern pattern, double t, long captureMillis, long frame, int brightness) {
        int w = options.width();
        int h = options.height();
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(h, w, CV_8UC3, new BytePointer(target));
            int ox;
            int oy;
            if (pattern == Pattern.CHECKER) {
                ox = (int) Math.floorMod((long) (t * cell * 1.5), 2L * cell);
                oy = ox;
            } else {
                ox = (int) Math.floorMod((long) (t * w / 8.0), (long) w);
                oy = 0;
            }
            backgrounds.get(pattern).apply(new Rect(ox, oy, w, h)).copyTo(image);
            overlay.draw(image, false, t, captureMillis, frame, pattern.label() + "  " + w + "x" + h + "@" + options.fps());
            if (brightness != 0) {
                image.convertTo(image, -1, 1.0, brightness);
            }
        } finally {
            Reference.reachabilityFence(target); // the Mat only holds the buffer's address
        }
    }

    @Override
    public void close() {
        backgrounds.values().forEach(Mat::close);
        backgrounds.clear();
    }

    /** 75 % colour bars over a grey ramp, two frames wide so it can scroll. */
    private static Mat bars(int w, int h) {
        int[][] colours = {{191, 191, 191}, {0, 191, 191}, {191, 191, 0}, {0, 191, 0},
                {191, 0, 191}, {0, 0, 191}, {191, 0, 0}};
        byte[] px = new byte[h * 2 * w * 3];
        int split = h * 2 / 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 2 * w; x++) {
                int xx = x % w;
                int i = (y * 2 * w + x) * 3;
                if (y < split) {
                    int[] c = colours[xx * colours.length / w];
                    px[i] = (byte) c[0];
                    px[i + 1] = (byte) c[1];
                    px[i + 2] = (byte) c[2];
                } else {
                    byte v = (byte) (xx * 255 / (w - 1));
                    px[i] = v;
                    px[i + 1] = v;
                    px[i + 2] = v;
                }
            }
        }
        return mat(h, 2 * w, px);
    }

    /** A hue sweep, darker and less saturated towards the bottom, two frames wide. */
    private static Mat gradient(int w, int h) {
        byte[] px = new byte[h * 2 * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 2 * w; x++) {
                int i = (y * 2 * w + x) * 3;
                px[i] = (byte) ((x % w) * 180 / w);
                px[i + 1] = (byte) (255 - 90 * y / h);
                px[i + 2] = (byte) (255 - 170 * y / h);
            }
        }
        Mat hsv = mat(h, 2 * w, px);
        Mat bgr = new Mat();
        cvtColor(hsv, bgr, COLOR_HSV2BGR);
        hsv.close();
        return bgr;
    }

    /** A tinted checkerboard one cell period larger than the frame in both directions. */
    private static Mat checker(int w, int h, int cell) {
        int cw = w + 2 * cell;
        int ch = h + 2 * cell;
        byte[] px = new byte[ch * cw * 3];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int i = (y * cw + x) * 3;
                boolean light = ((x / cell) + (y / cell)) % 2 == 0;
                int tint = x * 60 / cw;
                px[i] = (byte) (light ? 230 - tint : 40 + tint / 2);
                px[i + 1] = (byte) (light ? 220 : 45);
                px[i + 2] = (byte) (light ? 170 + tint : 70 - tint / 2);
            }
        }
        return mat(ch, cw, px);
    }

    private static Mat mat(int rows, int cols, byte[] px) {
        Mat m = new Mat(rows, cols, CV_8UC3);
        m.data().put(px);
        return m;
    }
}
