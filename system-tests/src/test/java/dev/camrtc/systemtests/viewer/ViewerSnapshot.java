package dev.camrtc.systemtests.viewer;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.systemtests.browser.Chromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;

/** The viewer's snapshot button, pressed from a test: the PNG of the shown frame, and its frame stamp. */
final class ViewerSnapshot {
    private ViewerSnapshot() {
    }

    /** The PNG the page's snapshot makes of the shown stream (full frame size). */
    static BufferedImage take(Chromium chromium) throws IOException {
        String dataUrl = (String) chromium.asyncScript("""
                const done = arguments[0];
                window.camrtc.stage.snapshot().then(b => {
                  const r = new FileReader();
                  r.onload = () => done(r.result);
                  r.readAsDataURL(b);
                });
                """);
        if (!dataUrl.startsWith("data:image/png;base64,")) {
            throw new AssertionError("snapshot is not a PNG: " + dataUrl.substring(0, Math.min(40, dataUrl.length())));
        }
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1))));
    }

    /** The PROTOCOL.md 7 stamp of a snapshot. */
    static Optional<FrameStamp.Stamp> stamp(BufferedImage png) {
        return FrameStamp.decode(ByteBuffer.wrap(ImageStats.bgr(png)), png.getWidth(), png.getHeight(), PixelFormat.BGR8);
    }
}
