package dev.camrtc.sender.http.mjpeg;

/**
 * One encoded frame, shared read-only by every client of a stream (never modify {@code jpeg}).
 *
 * @param sequence          the camera frame's counter
 * @param captureTimeMillis the camera frame's capture time
 */
record JpegFrame(String stream, byte[] jpeg, long sequence, long captureTimeMillis) {
}
