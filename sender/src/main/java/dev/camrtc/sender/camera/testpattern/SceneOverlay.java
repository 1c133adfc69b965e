package dev.camrtc.sender.camera.testpattern;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.camrtc.media.stamp.FrameStamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * The moving foreground shared by both streams, so colour and infrared show the same scene: a bouncing
 * ball, a dial whose hand turns once per second, a box crossing the bottom, the sender name, the wall
 * clock and the frame counter. Draws with OpenCV on a {@link Mat}; callers own the pointer scope.
 */
final class SceneOverlay {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final TestPatternOptions options;
    private final int width;
    private final int height;
    private final int top;
    private final double scale;

    SceneOverlay(TestPatternOptions options) {
        this.options = options;
        this.width = options.width();
        this.height = options.height();
        this.top = FrameStamp.bandHeight(height);
        this.scale = height / 480.0;
    }

    /**
     * Draws the foreground at {@code t} seconds since the source started.
     *
     * @param grey true for a one-channel (infrared) image: shapes are drawn in grey levels
     */
    void draw(Mat target, boolean grey, double t, long captureMillis, long frame, String caption) {
        int ballX = (int) (width / 2.0 + width * 0.36 * Math.sin(2 * Math.PI * t / 4.1));
        int ballY = (int) (top + (height - top) / 2.0 + (height - top) * 0.30 * Math.sin(2 * Math.PI * t / 2.7));
        int ballR = (int) (height / 10.0);
        circle(target, new Point(ballX, ballY), ballR, colour(grey, 40, 200, 255, 235), -1, LINE_AA, 0);
        circle(target, new Point(ballX - ballR / 3, ballY - ballR / 3), ballR / 4,
                colour(grey, 230, 250, 255, 255), -1, LINE_AA, 0);

        int dialX = (int) (width * 0.83);
        int dialY = (int) (height * 0.66);
        int dialR = (int) (height * 0.11);
        circle(target, new Point(dialX, dialY), dialR, colour(grey, 30, 30, 30, 25), -1, LINE_AA, 0);
        circle(target, new Point(dialX, dialY), dialR, colour(grey, 240, 240, 240, 220), thick(3), LINE_AA, 0);
        double angle = 2 * Math.PI * Math.floorMod(captureMillis, 1000) / 1000.0;
        line(target, new Point(dialX, dialY),
                new Point((int) (dialX + dialR * 0.9 * Math.sin(angle)), (int) (dialY - dialR * 0.9 * Math.cos(angle))),
                colour(grey, 60, 60, 255, 255), thick(4), LINE_AA, 0);

        int boxW = width / 8;
        int boxX = (int) Math.floorMod((long) (t * width / 5.0), (long) width + boxW) - boxW;
        int boxY = (int) (height * 0.86);
        rectangle(target, new Point(boxX, boxY), new Point(boxX + boxW, boxY + height / 12),
                colour(grey, 255, 120, 40, 170), -1, LINE_8, 0);

        int x = (int) (width * 0.04);
        text(target, grey, options.senderName(), x, top + (int) (48 * scale), 1.3);
        text(target, grey, CLOCK.format(Instant.ofEpochMilli(captureMillis)), x, top + (int) (92 * scale), 1.1);
        text(target, grey, "frame " + frame + "  " + caption, x, height - (int) (14 * scale), 0.6);
    }

    /** Hershey text on a dark box; LINE_8 because anti-aliased thick text costs about 1 ms per string. */
    private void text(Mat target, boolean grey, String s, int x, int y, double size) {
        double fontScale = size * scale;
        int thickness = thick(2);
        int charWidth = (int) Math.ceil(21 * fontScale);
        int ascent = (int) Math.ceil(23 * fontScale);
        int pad = thick(4);
        rectangle(target, new Point(x - pad, y - ascent - pad),
                new Point(Math.min(width - 1, x + s.length() * charWidth + pad), y + pad + thickness),
                colour(grey, 20, 20, 20, 15), -1, LINE_8, 0);
        putText(target, s, new Point(x, y), FONT_HERSHEY_SIMPLEX, fontScale, colour(grey, 255, 255, 255, 255),
                thickness, LINE_8, false);
    }

    private int thick(int px) {
        return Math.max(1, (int) Math.round(px * scale));
    }

    private static Scalar colour(boolean grey, double b, double g, double r, double luma) {
        return grey ? new Scalar(luma, luma, luma, 0) : new Scalar(b, g, r, 0);
    }
}
