package dev.camrtc.ros.session;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.StreamDescription;
import java.time.Instant;
import java.util.List;

/** Where a session's streams go (the ROS publishers). Both methods return at once. */
public interface StreamOutput {

    /** The chosen sender's announced streams (sizes, encodings, intrinsics), on every (re-)announcement. */
    void announce(String label, List<StreamDescription> streams);

    /** One received frame with the header stamp to publish it with. */
    void deliver(CameraFrame frame, Instant stamp);
}
