package dev.camrtc.media.rtc;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.I420Converter;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of one received track. Runs on libwebrtc's decoder thread, so it only copies: it reads the
 * frame stamp from the Y plane, converts to BGR8 / MONO8 into a fresh heap buffer, releases the native
 * frame (mandatory, else native memory grows ~27 MB/s) and hands the copy to {@link FrameDelivery}; or,
 * with a {@link DecodedFrameSink}, hands the unconverted I420 frame to that sink and releases it after.
 */
final class TrackReceiver implements VideoTrackSink {

    private static final Logger LOG = LoggerFactory.getLogger(TrackReceiver.class);

    private final String peerId;
    private final String stream;
    private final PixelFormat format;
    private final StreamTally tally;
    private final FrameDelivery delivery; // null when frames go to decodedSink unconverted
    private final DecodedFrameSink decodedSink;
    private ByteBuffer scratch; // direct, for libyuv; sink thread only
    private volatile boolean stopped;
    private boolean failedOnce;

    TrackReceiver(String peerId, String stream, PixelFormat format, StreamTally tally, FrameDelivery delivery,
                  DecodedFrameSink decodedSink) {
        this.peerId = peerId;
        this.decodedSink = decodedSink;
        this.stream = stream;
        this.format = format;
        this.tally = tally;
        this.delivery = delivery;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void onVideoFrame(VideoFrame videoFrame) {
        try {
            if (!stopped) {
                deliver(videoFrame.buffer);
            }
        } catch (RuntimeException e) {
            if (!failedOnce) {
                failedOnce = true;
                LOG.warn("peer {}: stream {}: cannot convert a received frame: {}", peerId, stream, e.toString());
            }
        } finally {
            videoFrame.release();
        }
    }

    private void deliver(VideoFrameBuffer buffer) {
        long now = System.currentTimeMillis();
        I420Buffer i420 = buffer instanceof I420Buffer b ? b : buffer.toI420();
        try {
            if (decodedSink != null) {
                tally.received.incrementAndGet();
                decodedSink.onDecodedFrame(stream, format, i420, now);
                return;
            }
            int w = i420.getWidth();
            int h = i420.getHeight();
            Optional<FrameStamp.Stamp> stamp = FrameStamp.decodeLuma(i420.getDataY(), i420.getStrideY(), w, h);
            byte[] pixels = new byte[w * h * format.bytesPerPixel()];
            if (format == PixelFormat.MONO8) {
                I420Converter.fromI420(i420, format, ByteBuffer.wrap(pixels));
            } else {
                if (scratch == null || scratch.capacity() < pixels.length) {
                    scratch = ByteBuffer.allocateDirect(pixels.length);
                }
                I420Converter.fromI420(i420, format, scratch);
                scratch.duplicate().clear().get(pixels);
            }
            long n = tally.received.incrementAndGet();
            stamp.ifPresent(s -> tally.stampCounter(s.counter()));
            long sequence = stamp.map(FrameStamp.Stamp::counter).orElse(n);
            long capture = stamp.map(FrameStamp.Stamp::captureTimeMillis).orElse(now);
            CameraFrame frame = new CameraFrame(stream, w, h, format, ByteBuffer.wrap(pixels), sequence, capture);
            delivery.offer(new ReceivedFrame(frame, now, stamp), tally);
        } finally {
            if (i420 != buffer) {
                i420.release();
            }
        }
    }
}
