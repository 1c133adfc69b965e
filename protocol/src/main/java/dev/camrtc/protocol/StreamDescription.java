package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stream a sender offers (PROTOCOL.md 3.2): {@code {"name":"color","width":640,"height":480,
 * "fps":30,"encoding":"bgr8"}}, with {@code intrinsics} when the camera knows them.
 * Only {@code name} is required on the wire; the others are null when absent.
 *
 * <p>A lossless depth stream (PROTOCOL.md 8) also carries {@code transport} ({@value #TRANSPORT_DATACHANNEL}:
 * it travels on a data channel labelled with its name, not as a video track) and {@code depth_units}
 * (metres per unit), e.g. {@code {"name":"depth_z16",...,"encoding":"16UC1","transport":"datachannel",
 * "depth_units":0.001}}. A stream without {@code transport} is a video track.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamDescription(
        String name, Integer width, Integer height, Integer fps, String encoding, String transport,
        Double depthUnits, Intrinsics intrinsics) {

    /** The {@code transport} of a stream carried on a data channel (PROTOCOL.md 8). */
    public static final String TRANSPORT_DATACHANNEL = "datachannel";

    @JsonCreator
    public StreamDescription {
    }

    public StreamDescription(String name, int width, int height, int fps, String encoding) {
        this(name, width, height, fps, encoding, null, null, null);
    }

    /** A video stream (no transport, no depth units). */
    public StreamDescription(String name, Integer width, Integer height, Integer fps, String encoding,
                             Intrinsics intrinsics) {
        this(name, width, height, fps, encoding, null, null, intrinsics);
    }

    /** A lossless depth stream on a data channel (PROTOCOL.md 8): encoding {@code 16UC1}. */
    public static StreamDescription depthDataChannel(String name, int width, int height, int fps, double depthUnits) {
        if (!(depthUnits > 0) || Double.isInfinite(depthUnits)) {
            throw new IllegalArgumentException("depth_units must be a positive number of metres, not " + depthUnits);
        }
        return new StreamDescription(name, width, height, fps, "16UC1", TRANSPORT_DATACHANNEL, depthUnits, null);
    }

    public StreamDescription withIntrinsics(Intrinsics intrinsics) {
        return new StreamDescription(name, width, height, fps, encoding, transport, depthUnits, intrinsics);
    }

    /** True when this stream travels on a data channel (PROTOCOL.md 8) instead of a video track. */
    @JsonIgnore
    public boolean isDataChannel() {
        return TRANSPORT_DATACHANNEL.equals(transport);
    }

    /** True when this stream is a video track: it has no {@code transport}. */
    @JsonIgnore
    public boolean isVideo() {
        return transport == null;
    }
}
