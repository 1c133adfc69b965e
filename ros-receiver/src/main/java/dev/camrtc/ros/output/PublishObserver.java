package dev.camrtc.ros.output;

/**
 * Watches what the publishers do (the receiver's metrics): told once per stream when its republisher is made,
 * then once per published frame. Implementations must not allocate or block per frame.
 */
public interface PublishObserver {

    /** The counts a stream's republisher keeps (read when scraped). */
    interface StreamCounts {
        /** Frames handed to the republisher (received from WebRTC, the data channel or the fallback). */
        long offeredCount();

        /** Frames replaced before they were published. */
        long skippedCount();

        /** Frames published on the image topic. */
        long publishedCount();
    }

    /** Told about each frame published on a stream's image topic, on its publishing thread. */
    interface FrameTimes {
        /**
         * @param captureEpochNanos the sender's capture time from the frame's stamp, or -1 when the frame carried none
         * @param writeNanos        how long the DDS write of the image took
         */
        void published(long captureEpochNanos, long writeNanos);

        FrameTimes NONE = (capture, write) -> { };
    }

    /** A stream's republisher was made, publishing on {@code topic}; returns what to tell about its frames. */
    FrameTimes opened(String stream, String topic, StreamCounts counts);

    PublishObserver NONE = (stream, topic, counts) -> FrameTimes.NONE;
}
