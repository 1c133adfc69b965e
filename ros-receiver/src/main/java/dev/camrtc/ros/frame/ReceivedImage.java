package dev.camrtc.ros.frame;

import dev.camrtc.media.frame.FramePool;

/**
 * An image on its way from a source (WebRTC's decoder, the MJPEG fallback) to its stream's publisher, which
 * owns it from the hand-off on: it either converts and publishes it, or skips it, and in both cases
 * {@link #release()}s it exactly once. Conversion happens only for images that are published.
 */
public interface ReceivedImage {

    /** Stream name ({@code color}, {@code infrared}, ...). */
    String stream();

    /**
     * The image as a bgr8 / mono8 frame with its header stamp, its pixels in a buffer leased from
     * {@code pool} (or in the image itself); close the result when published. Call before {@link #release()}.
     */
    ConvertedImage convert(FramePool pool);

    /** Gives back what the image holds (a decoder's frame). A second call throws {@link IllegalStateException}. */
    void release();
}
