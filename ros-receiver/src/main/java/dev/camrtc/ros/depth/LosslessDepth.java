package dev.camrtc.ros.depth;

import dev.camrtc.protocol.StreamDescription;
import java.util.List;
import java.util.Objects;

/**
 * How the receiver recognizes a sender's lossless depth (PROTOCOL.md 8) in its announcement.
 *
 * <p>Aligned depth: the protocol has no field for it. A sender running librealsense's align block
 * ({@code --align-depth}) keeps the name {@code depth_z16} and announces the color stream's intrinsics and
 * size for it, so depth counts as aligned to color when its size and intrinsics equal those of the announced
 * {@code color} stream (two distinct sensors never have identical intrinsics).
 */
public final class LosslessDepth {
    /** The color stream depth may be aligned to. */
    public static final String COLOR = "color";
    /** The colorized view of depth a sender may announce beside the lossless stream. */
    public static final String COLORIZED = "depth";

    private LosslessDepth() {
    }

    /** A {@code 16UC1} data-channel stream. */
    public static boolean isLossless(StreamDescription d) {
        return d.isDataChannel() && "16UC1".equals(d.encoding());
    }

    /** True when {@code depth} has the size and intrinsics of the announced color stream. */
    public static boolean alignedToColor(StreamDescription depth, List<StreamDescription> announced) {
        if (depth.intrinsics() == null || announced == null) {
            return false;
        }
        for (StreamDescription d : announced) {
            if (COLOR.equals(d.name()) && d.isVideo() && depth.intrinsics().equals(d.intrinsics())
                    && Objects.equals(depth.width(), d.width()) && Objects.equals(depth.height(), d.height())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The streams to request: all (null) when the sender announces video only; else the video streams but the
     * colorized {@code depth} when there is lossless depth (it would land on the same depth topic and is only
     * a lossy view), and the lossless depth streams; never a data-channel stream of another kind.
     */
    public static List<String> requested(List<StreamDescription> streams) {
        if (streams == null || streams.stream().allMatch(StreamDescription::isVideo)) {
            return null;
        }
        boolean lossless = streams.stream().anyMatch(LosslessDepth::isLossless);
        return streams.stream().filter(d -> isLossless(d) || (d.isVideo() && !(lossless && COLORIZED.equals(d.name()))))
                .map(StreamDescription::name).toList();
    }
}
