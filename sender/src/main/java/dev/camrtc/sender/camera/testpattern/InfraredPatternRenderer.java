package dev.camrtc.sender.camera.testpattern;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws the infrared (mono8) picture the way a D435's left imager looks with its emitter on: a dim,
 * vignetted grey scene covered in the projector's speckle dots, slowly drifting, with sensor noise that
 * changes every frame, the moving {@link SceneOverlay} in grey and the brightness offset. The textures are
 * computed once; a frame costs a block copy, one saturating add and a few drawing calls. Not thread-safe.
 */
final class InfraredPatternRenderer implements AutoCloseable {

    private static final int NOISE_FRAMES = 4;

    private final TestPatternOptions options;
    private final SceneOverlay overlay;
    private final int margin;
    private final Mat speckle;
    private final Mat[] noise = new Mat[NOISE_FRAMES];

    InfraredPatternRenderer(TestPatternOptions options, SceneOverlay overlay) {
        this.options = options;
        this.overlay = overlay;
        this.margin = Math.max(8, options.height() / 16);
        SplittableRandom random = new SplittableRandom(435);
        this.speckle = speckle(options.width() + 2 * margin, options.height() + 2 * margin, random);
        for (int i = 0; i < NOISE_FRAMES; i++) {
            noise[i] = noise(options.width(), options.height(), random);
        }
    }

    /** Renders into {@code target}, a direct buffer of width * height bytes. */
    void render(ByteBuffer target, double t, long captureMillis, long frame, int brightness) {
        int w = options.width();
        int h = options.height();
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(h, w, CV_8UC1, new BytePointer(target));
            int ox = margin + (int) Math.round(margin * 0.9 * Math.sin(2 * Math.PI * t / 6.0));
            int oy = margin + (int) Math.round(margin * 0.9 * Math.cos(2 * Math.PI * t / 9.0));
            speckle.apply(new Rect(ox, oy, w, h)).copyTo(image);
            add(image, noise[(int) Math.floorMod(frame, (long) NOISE_FRAMES)], image);
            overlay.draw(image, true, t, captureMillis, frame, "infrared  " + w + "x" + h + "@" + options.fps());
            if (brightness != 0) {
                image.convertTo(image, -1, 1.0, brightness);
            }
        } finally {
            Reference.reachabilityFence(target); // the Mat only holds the buffer's address
        }
    }

    @Override
    public void close() {
        speckle.close();
        for (Mat m : noise) {
            m.close();
        }
    }

    /** Vignetted grey with a few soft "objects" and dense bright projector dots, slightly blurred. */
    private static Mat speckle(int w, int h, SplittableRandom random) {
        byte[] px = new byte[w * h];
        double cx = w / 2.0;
        double cy = h / 2.0;
        double rmax = Math.hypot(cx, cy);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double vignette = 1.0 - 0.55 * Math.pow(Math.hypot(x - cx, y - cy) / rmax, 2);
                double wall = y > h * 0.7 ? 25 : 0;
                double object = Math.hypot(x - w * 0.25, y - h * 0.45) < h * 0.18 ? 35 : 0;
                double base = (55 + wall + object) * vignette;
                double dot = random.nextInt(100) < 7 ? 90 + random.nextInt(80) : 0;
                px[y * w + x] = (byte) Math.min(255, (int) (base + dot * vignette));
            }
        }
        Mat m = new Mat(h, w, CV_8UC1);
        m.data().put(px);
        GaussianBlur(m, m, new Size(3, 3), 0.8);
        return m;
    }

    private static Mat noise(int w, int h, SplittableRandom random) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) random.nextInt(12);
        }
        Mat m = new Mat(h, w, CV_8UC1);
        m.data().put(px);
        return m;
    }
}
