package dev.camrtc.media.rtc;

import dev.camrtc.media.natives.WebRtcLibrary;
import dev.camrtc.protocol.IceServer;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtcpMuxPolicy;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of libwebrtc in a process: the audio module (headless: a plain factory aborts the JVM
 * on machines without audio hardware), the {@link PeerConnectionFactory}, the event thread on which
 * every {@link PeerListener} runs, and every source and peer created through it.
 *
 * <p>{@link #close()} releases everything in the only crash-free order: peers (remove tracks, close),
 * then video tracks and sources, then the factory, then the audio module. Thread-safe.
 */
public final class RtcEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtcEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final HeadlessAudioDeviceModule audio;
    private final PeerConnectionFactory factory;
    private final ExecutorService events;
    private final Thread eventThread;
    private final List<PeerConnectionCore> peers = new ArrayList<>();
    private final Map<String, VideoStreamSource> sources = new LinkedHashMap<>();
    private final AtomicLong dataChannelMessages = new AtomicLong();
    private boolean closed;

    public RtcEngine() {
        WebRtcLibrary.load();
        String threadName = "rtc-events-" + ENGINES.incrementAndGet();
        Thread[] holder = new Thread[1];
        events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            holder[0] = t;
            return t;
        });
        try {
            events.submit(() -> { }).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + threadName, e);
        }
        eventThread = holder[0];
        audio = new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(audio);
    }

    /**
     * A new video source for one stream (one track shared by every peer that sends it).
     *
     * @throws IllegalArgumentException when a source of that name is already open
     */
    public synchronized VideoStreamSource createVideoSource(String streamName) {
        checkOpen();
        Objects.requireNonNull(streamName, "streamName");
        if (sources.containsKey(streamName)) {
            throw new IllegalArgumentException("a video source for stream '" + streamName + "' is already open");
        }
        CustomVideoSource source = new CustomVideoSource();
        VideoTrack track = factory.createVideoTrack(streamName, source);
        VideoStreamSource s = new VideoStreamSource(streamName, source, track, this::forgetSource);
        sources.put(streamName, s);
        return s;
    }

    /** A peer that sends {@code streams} to one receiver (see {@link OfferingPeer}). */
    public OfferingPeer createOfferingPeer(String peerId, List<IceServer> iceServers, List<VideoStreamSource> streams,
                                           PeerSettings settings, PeerListener listener) {
        return new OfferingPeer(this, peerId, iceServers, streams, settings, listener);
    }

    /**
     * A peer that sends {@code streams} as video tracks and opens one data channel per name of
     * {@code dataChannels} (PROTOCOL.md 8) to one receiver; either list may be empty, not both.
     */
    public OfferingPeer createOfferingPeer(String peerId, List<IceServer> iceServers, List<VideoStreamSource> streams,
                                           List<String> dataChannels, PeerSettings settings, PeerListener listener) {
        return new OfferingPeer(this, peerId, iceServers, streams, dataChannels, settings, listener);
    }

    /** A peer that answers a remote offer by sending shared video streams (WHEP; see {@link AnsweringSender}). */
    public AnsweringSender createAnsweringSender(String peerId, List<IceServer> iceServers, PeerSettings settings,
                                                 PeerListener listener) {
        return new AnsweringSender(this, peerId, iceServers, settings, listener);
    }

    /** A peer that receives the streams of one sender's offer (see {@link AnsweringPeer}). */
    public AnsweringPeer createAnsweringPeer(String peerId, List<IceServer> iceServers, PeerSettings settings,
                                             PeerListener listener, FrameListener frames) {
        return new AnsweringPeer(this, peerId, iceServers, settings, listener, frames, null);
    }

    /**
     * A peer that receives the video streams of one sender's offer and, with a non-null {@code depthFrames},
     * the depth frames of its data-channel streams (PROTOCOL.md 8).
     */
    public AnsweringPeer createAnsweringPeer(String peerId, List<IceServer> iceServers, PeerSettings settings,
                                             PeerListener listener, FrameListener frames,
                                             DepthFrameListener depthFrames) {
        return new AnsweringPeer(this, peerId, iceServers, settings, listener, frames, depthFrames);
    }

    /**
     * A peer that hands each track's decoded I420 frames to {@code frames} unconverted, on the decoder thread
     * (see {@link DecodedFrameSink}); {@link AnsweringPeer#counters()} then counts received frames only.
     */
    public AnsweringPeer createAnsweringPeer(String peerId, List<IceServer> iceServers, PeerSettings settings,
                                             PeerListener listener, DecodedFrameSink frames) {
        return new AnsweringPeer(this, peerId, iceServers, settings, listener, frames);
    }

    /**
     * As {@link #createAnsweringPeer(String, List, PeerSettings, PeerListener, DecodedFrameSink)}, and with a
     * non-null {@code depthFrames} also the depth frames of the offer's data-channel streams (PROTOCOL.md 8).
     */
    public AnsweringPeer createAnsweringPeer(String peerId, List<IceServer> iceServers, PeerSettings settings,
                                             PeerListener listener, DecodedFrameSink frames,
                                             DepthFrameListener depthFrames) {
        return new AnsweringPeer(this, peerId, iceServers, settings, listener, frames, depthFrames);
    }

    /**
     * Data-channel messages received through this engine so far. webrtc-java 0.14.0 (the newest release) leaks
     * every one of them until the engine closes: its native observer hands each message to Java through two JNI
     * local references (an {@code RTCDataChannelBuffer} and a direct ByteBuffer) that it never deletes, and
     * libwebrtc's threads stay attached to the JVM, so both objects stay reachable (about 90 bytes of heap and
     * 16 bytes of native memory per message) until {@link #close()} ends those threads. A receiver that runs
     * for long renews its engine after a bounded number of messages (the ROS receiver does).
     */
    public long dataChannelMessagesReceived() {
        return dataChannelMessages.get();
    }

    /** Counted by every data-channel observer of this engine, once per message (see above). */
    void countDataChannelMessage() {
        dataChannelMessages.incrementAndGet();
    }

    /** Video codecs this libwebrtc build can send, in its order of preference. */
    public List<VideoCodec> sendableCodecs() {
        List<VideoCodec> out = new ArrayList<>();
        for (RTCRtpCodecCapability c : videoSendCapabilities()) {
            for (VideoCodec v : VideoCodec.values()) {
                if (v.mimeType().equalsIgnoreCase(c.getMimeType()) && !out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    synchronized List<RTCRtpCodecCapability> videoSendCapabilities() {
        checkOpen();
        return factory.getRtpSenderCapabilities(MediaType.VIDEO).getCodecs();
    }

    /** Creates a peer connection for {@code core}; the core closes it and reports back via {@link #forget}. */
    synchronized RTCPeerConnection newPeerConnection(List<IceServer> iceServers, PeerConnectionObserver observer,
                                                     PeerConnectionCore core) {
        checkOpen();
        RTCConfiguration config = new RTCConfiguration();
        config.iceServers = toRtc(iceServers);
        config.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        config.rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
        RTCPeerConnection pc = factory.createPeerConnection(config, observer);
        if (pc == null) {
            throw new IllegalStateException("libwebrtc refused to create a peer connection");
        }
        peers.add(core);
        return pc;
    }

    synchronized void forget(PeerConnectionCore core) {
        peers.remove(core);
    }

    private synchronized void forgetSource(VideoStreamSource source) {
        sources.remove(source.name(), source);
    }

    /**
     * Runs {@code task} on the event thread (never a libwebrtc thread). After {@link #close()} it runs
     * on the common pool instead, so that late completions still reach their futures.
     */
    void onEventThread(Runnable task) {
        try {
            events.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(task);
        }
    }

    boolean isEventThread() {
        return Thread.currentThread() == eventThread;
    }

    static List<RTCIceServer> toRtc(List<IceServer> iceServers) {
        List<RTCIceServer> out = new ArrayList<>();
        for (IceServer s : iceServers == null ? List.<IceServer>of() : iceServers) {
            if (s.urls().isEmpty()) {
                throw new IllegalArgumentException("ICE server without urls: " + s);
            }
            RTCIceServer r = new RTCIceServer();
            r.urls = new ArrayList<>(s.urls());
            r.username = s.username();
            r.password = s.credential();
            out.add(r);
        }
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("RtcEngine is closed");
        }
    }

    /** Closes every open peer, then every source, then the factory and the audio module. Idempotent. */
    @Override
    public void close() {
        List<PeerConnectionCore> openPeers;
        List<VideoStreamSource> openSources;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            openPeers = new ArrayList<>(peers);
            openSources = new ArrayList<>(sources.values());
        }
        for (PeerConnectionCore p : openPeers) {
            p.close();
        }
        for (VideoStreamSource s : openSources) {
            s.close();
        }
        events.shutdown();
        if (!isEventThread()) {
            try {
                if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("rtc event thread still busy after 5 s at engine close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        factory.dispose();
        audio.dispose();
        LOG.debug("rtc engine closed");
    }
}
