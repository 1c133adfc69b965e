package dev.camrtc.sender.webrtc;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.media.rtc.VideoStreamSource;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.FrameSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link VideoStreamSource} per camera stream, shared by every peer connection: each frame is
 * converted and pushed once, however many receivers. A stream is fed from the camera (subscribed to the
 * frame feed, which drives the camera's demand) only while at least one session sends it.
 */
public final class WebRtcStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcStreams.class);

    /** Where frames come from: subscribing to a stream makes the camera capture it until the handle closes. */
    @FunctionalInterface
    public interface FrameFeed {
        AutoCloseable subscribe(String stream, FrameSink sink);
    }

    private final RtcEngine engine;
    private final FrameFeed feed;
    private final Map<String, StreamDescription> sendable = new LinkedHashMap<>();
    private final Map<String, VideoStreamSource> sources = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, AutoCloseable> subscriptions = new HashMap<>();
    private boolean closed;

    /** @param streams the camera's streams; only {@code bgr8} and {@code mono8} ones can go over WebRTC */
    public WebRtcStreams(RtcEngine engine, List<StreamDescription> streams, FrameFeed feed) {
        this.engine = engine;
        this.feed = feed;
        for (StreamDescription s : streams) {
            if (PixelFormat.BGR8.rosEncoding().equals(s.encoding()) || PixelFormat.MONO8.rosEncoding().equals(s.encoding())) {
                sendable.put(s.name(), s);
            }
        }
    }

    /** Names of the streams that can be sent, in the camera's order. */
    public List<String> sendable() {
        return List.copyOf(sendable.keySet());
    }

    /**
     * The shared sources of {@code names} for one more session; starts feeding streams that had no session.
     * Pair every call with {@link #release(List)}.
     *
     * @throws IllegalArgumentException for a stream that cannot be sent
     */
    public synchronized List<VideoStreamSource> acquire(List<String> names) {
        if (closed) {
            throw new IllegalStateException("WebRTC streams are closed");
        }
        for (String n : names) {
            if (!sendable.containsKey(n)) {
                throw new IllegalArgumentException("stream '" + n + "' cannot be sent over WebRTC (sendable: "
                        + String.join(", ", sendable.keySet()) + ")");
            }
        }
        List<VideoStreamSource> out = new ArrayList<>();
        for (String n : names) {
            VideoStreamSource source = sources.computeIfAbsent(n, engine::createVideoSource);
            out.add(source);
            if (users.merge(n, 1, Integer::sum) == 1) {
                subscriptions.put(n, feed.subscribe(n, source::push));
                LOG.debug("stream {}: feeding WebRTC", n);
            }
        }
        return out;
    }

    /** One session stopped sending {@code names}; stops feeding streams no session sends any more. */
    public void release(List<String> names) {
        List<AutoCloseable> ended = new ArrayList<>();
        synchronized (this) {
            for (String n : names) {
                Integer left = users.computeIfPresent(n, (k, v) -> v - 1);
                if (left != null && left == 0) {
                    users.remove(n);
                    AutoCloseable sub = subscriptions.remove(n);
                    if (sub != null) {
                        ended.add(sub);
                    }
                    LOG.debug("stream {}: no receiver left", n);
                }
            }
        }
        ended.forEach(WebRtcStreams::closeQuietly);
    }

    /** Frames handed to libwebrtc so far, all streams together (each once, however many receivers). */
    public synchronized long framesPushed() {
        return sources.values().stream().mapToLong(VideoStreamSource::framesPushed).sum();
    }

    /** Number of sessions sending {@code stream} now. */
    public synchronized int users(String stream) {
        return users.getOrDefault(stream, 0);
    }

    /** Stops feeding and closes every source (after the peers that send them, see RtcEngine). Idempotent. */
    @Override
    public void close() {
        List<AutoCloseable> subs;
        List<VideoStreamSource> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            subs = new ArrayList<>(subscriptions.values());
            all = new ArrayList<>(sources.values());
            subscriptions.clear();
            users.clear();
            sources.clear();
        }
        subs.forEach(WebRtcStreams::closeQuietly);
        all.forEach(VideoStreamSource::close);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing a frame subscription failed: {}", e.toString());
        }
    }
}
