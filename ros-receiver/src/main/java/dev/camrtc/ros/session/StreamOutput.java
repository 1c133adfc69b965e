package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.ReceivedDepthFrame;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.ros.frame.ReceivedImage;
import java.util.List;

/** Where a session's streams go (the ROS publishers). Both methods return at once. */
public interface StreamOutput {

    /** The chosen sender's announced streams (sizes, encodings, intrinsics), on every (re-)announcement. */
    void announce(String label, List<StreamDescription> streams);

    /**
     * One received image; the output owns it from here on and releases it exactly once. Called on WebRTC's
     * decoder thread or a fallback reader thread: returns at once.
     */
    void deliver(ReceivedImage image);

    /**
     * One whole depth frame of a data-channel stream, still encoded, valid only during the call (copy it).
     * Called on the channel's delivery thread: returns at once.
     */
    void deliverDepth(ReceivedDepthFrame frame);
}
