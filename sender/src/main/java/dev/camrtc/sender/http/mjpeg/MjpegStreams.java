package dev.camrtc.sender.http.mjpeg;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.jpeg.JpegEncoder;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.hub.FrameHub;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The streams an MJPEG server serves, by name and alias (PROTOCOL.md section 5): {@code rgb} is
 * {@value #COLOR}; {@code stereo} is the left infrared stream ({@value #INFRARED}, or {@code infrared1} when
 * the camera names it so). Every announced bgr8 or mono8 stream gets a {@link MjpegBroadcaster}; other
 * encodings (raw z16 depth) are not served as JPEG.
 */
public final class MjpegStreams {

    public static final String COLOR = "color";
    static final String INFRARED = "infrared";

    private final Map<String, MjpegBroadcaster> broadcasters = new LinkedHashMap<>();

    public MjpegStreams(String senderName, FrameHub hub, List<StreamDescription> streams, int quality, Executor encoders) {
        for (StreamDescription s : streams) {
            if (s.encoding() != null && isJpegable(s.encoding())) {
                broadcasters.put(s.name(), new MjpegBroadcaster(senderName, s.name(), hub, quality, encoders));
            }
        }
    }

    private static boolean isJpegable(String encoding) {
        try {
            return JpegEncoder.supports(PixelFormat.fromRosEncoding(encoding));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The broadcaster of a stream name or alias ({@code rgb}, {@code stereo}). */
    public Optional<MjpegBroadcaster> find(String nameOrAlias) {
        String name = switch (nameOrAlias) {
            case "rgb" -> COLOR;
            case "stereo" -> INFRARED;
            default -> nameOrAlias;
        };
        MjpegBroadcaster b = broadcasters.get(name);
        if (b == null && INFRARED.equals(name)) {
            b = broadcasters.get("infrared1");
        }
        return Optional.ofNullable(b);
    }

    /** The served streams' names (no aliases). */
    public List<String> names() {
        return List.copyOf(broadcasters.keySet());
    }

    /** Names that {@link #find} accepts, streams first, then the aliases that resolve. */
    public List<String> known() {
        List<String> names = new ArrayList<>(broadcasters.keySet());
        if (find("rgb").isPresent()) {
            names.add("rgb");
        }
        if (find("stereo").isPresent()) {
            names.add("stereo");
        }
        return names;
    }

    public Iterable<MjpegBroadcaster> all() {
        return broadcasters.values();
    }

    int clientCount() {
        return broadcasters.values().stream().mapToInt(MjpegBroadcaster::clientCount).sum();
    }
}
