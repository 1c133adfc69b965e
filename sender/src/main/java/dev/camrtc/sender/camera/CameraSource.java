package dev.camrtc.sender.camera;

import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.control.CameraControls;
import java.util.List;
import java.util.Set;

/**
 * The camera seam: anything that produces frames per named stream (test pattern, RealSense, webcam,
 * file, MJPEG camera). WebRTC and MJPEG consume the same frames through one {@link FrameSink}.
 *
 * <p>Life cycle: {@link #start(FrameSink)} once, then {@link #demand(Set)} whenever the set of watched
 * streams changes (an empty set = nobody watches: capture nothing), then {@link #close()} once.
 * A source captures only the streams in the current demand. Every source runs on the one
 * {@link CaptureLoop} and captures into pooled frames (see {@link FrameSink} for who releases them).
 */
public interface CameraSource extends AutoCloseable {

    /** Human-readable one-liner for logs, e.g. {@code "test pattern 640x480@30"}. */
    String description();

    /** The streams this source can deliver, in a stable order, with intrinsics when known. */
    List<StreamDescription> streams();

    /** Begins operation; frames of demanded streams go to {@code sink}, from the source's own thread(s). */
    void start(FrameSink sink);

    /** Sets which streams are watched now; unknown names are ignored. Cheap and idempotent. */
    void demand(Set<String> streams);

    /** The camera's controls (PROTOCOL.md 3.6 and {@code /set}). */
    CameraControls controls();

    /** Stops capture and frees native resources. Idempotent. */
    @Override
    void close();
}
