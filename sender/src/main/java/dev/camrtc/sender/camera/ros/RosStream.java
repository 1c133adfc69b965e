package dev.camrtc.sender.camera.ros;

import dev.camrtc.media.frame.PixelFormat;

/** One announced stream of the ROS source: its topic, its stream name and the frame format it is delivered in. */
record RosStream(RosStreamSpec spec, String name, PixelFormat format) {
}
