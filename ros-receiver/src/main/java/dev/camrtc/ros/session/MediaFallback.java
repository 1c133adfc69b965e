package dev.camrtc.ros.session;

import dev.camrtc.protocol.SenderInfo;

/** A second way to get a sender's frames while WebRTC cannot connect (the MJPEG URLs). */
public interface MediaFallback extends AutoCloseable {

    /** Starts reading {@code sender}'s streams, unless already reading them; returns at once. */
    void start(SenderInfo sender);

    /** Stops reading; idempotent. */
    void stop();

    /** True while reading. */
    boolean active();

    @Override
    default void close() {
        stop();
    }

    /** No fallback (the default): WebRTC is retried only. */
    MediaFallback NONE = new MediaFallback() {
        @Override
        public void start(SenderInfo sender) {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean active() {
            return false;
        }
    };
}
