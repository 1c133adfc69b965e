package dev.camrtc.sender.webrtc;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.rtc.DepthChannelSender;
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
    private final Map<String, StreamDescription> depthStreams = new LinkedHashMap<>();
    private final Map<String, DepthFanout> fanouts = new HashMap<>();
    private final Map<String, AutoCloseable> depthSubscriptions = new HashMap<>();
    private final DepthCodec depthCodec;
    private final String label;
    private boolean closed;

    /** Like {@link #WebRtcStreams(RtcEngine, List, FrameFeed, DepthCodec, String)} with RVL depth. */
    public WebRtcStreams(RtcEngine engine, List<StreamDescription> streams, FrameFeed feed) {
        this(engine, streams, feed, DepthCodec.RVL, "sender");
    }

    /**
     * @param streams    the camera's streams; {@code bgr8} and {@code mono8} ones go as video tracks,
     *                   {@code 16UC1} ones with {@code transport: datachannel} on data channels (PROTOCOL.md 8)
     * @param depthCodec how depth frames are encoded ({@code --depth-codec})
     */
    public WebRtcStreams(RtcEngine engine, List<StreamDescription> streams, FrameFeed feed, DepthCodec depthCodec,
                         String label) {
        this.engine = engine;
        this.feed = feed;
        this.depthCodec = depthCodec;
        this.label = label;
        for (StreamDescription s : streams) {
            if (s.isDataChannel() && PixelFormat.Z16.rosEncoding().equals(s.encoding())) {
                depthStreams.put(s.name(), s);
            } else if (s.isVideo() && (PixelFormat.BGR8.rosEncoding().equals(s.encoding())
                    || PixelFormat.MONO8.rosEncoding().equals(s.encoding()))) {
                sendable.put(s.name(), s);
            }
        }
    }

    /** Names of the streams that can be sent as video tracks, in the camera's order. */
    public List<String> sendable() {
        return List.copyOf(sendable.keySet());
    }

    /** Names of the depth streams sent on data channels, in the camera's order. */
    public List<String> dataChannels() {
        return List.copyOf(depthStreams.keySet());
    }

    /** What a {@code request_offer} asks for, sorted: video tracks, data channels, and names sent neither way. */
    record Requested(List<String> tracks, List<String> channels, List<String> unknown) {
        boolean isEmpty() {
            return tracks.isEmpty() && channels.isEmpty();
        }
    }

    /** Sorts {@code wanted} (null: every stream, video tracks first) into what can be sent and how. */
    Requested requested(List<String> wanted) {
        List<String> tracks = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> names = wanted != null ? wanted : new ArrayList<>(sendable.keySet());
        if (wanted == null) {
            names.addAll(depthStreams.keySet());
        }
        for (String n : names) {
            (sendable.containsKey(n) ? tracks : depthStreams.containsKey(n) ? channels : unknown).add(n);
        }
        return new Requested(List.copyOf(tracks), List.copyOf(channels), List.copyOf(unknown));
    }

    /**
     * Sends every frame of depth stream {@code name} to {@code sender} (one session's channel) until
     * {@link #detachDepth}; starts feeding the stream for its first session.
     */
    public synchronized void attachDepth(String name, DepthChannelSender sender) {
        if (closed || !depthStreams.containsKey(name)) {
            throw new IllegalArgumentException("stream '" + name + "' is not a data-channel depth stream");
        }
        DepthFanout fanout = fanouts.computeIfAbsent(name, n -> new DepthFanout(label, n, depthCodec));
        fanout.add(sender);
        if (!depthSubscriptions.containsKey(name)) {
            depthSubscriptions.put(name, feed.subscribe(name, fanout::accept));
            LOG.debug("stream {}: feeding a data channel ({})", name, depthCodec);
        }
    }

    /** Stops sending to {@code sender}; stops feeding the stream when no session has it any more. */
    public void detachDepth(String name, DepthChannelSender sender) {
        AutoCloseable ended = null;
        synchronized (this) {
            DepthFanout fanout = fanouts.get(name);
            if (fanout == null) {
                return;
            }
            fanout.remove(sender);
            if (fanout.size() == 0) {
                ended = depthSubscriptions.remove(name);
            }
        }
        if (ended != null) {
            closeQuietly(ended);
        }
    }

    /** Depth frames encoded so far, all depth streams together (each once, however many receivers). */
    public synchronized long depthFramesEncoded() {
        return fanouts.values().stream().mapToLong(DepthFanout::framesEncoded).sum();
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
            subs.addAll(depthSubscriptions.values());
            subs.addAll(fanouts.values());
            all = new ArrayList<>(sources.values());
            subscriptions.clear();
            depthSubscriptions.clear();
            fanouts.clear();
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
