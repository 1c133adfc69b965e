package dev.camrtc.media.rtc;

import dev.camrtc.media.depth.DepthReassembler;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java receiver's side of one session with one sender (PROTOCOL.md 3.3): applies the sender's offer
 * (candidates may already be inside it), answers {@code recvonly}, and delivers every incoming track's
 * frames, named by the offer's {@code streams} (mid -> name), to a {@link FrameListener}.
 *
 * <pre>{@code
 * AnsweringPeer peer = engine.createAnsweringPeer("s-3f9a1c", ice, PeerSettings.defaults(), listener,
 *         f -> publish(f.frame()));
 * SessionDescription answer = peer.acceptOffer(offer.offer(), offer.streams(), sender.streams())
 *         .get(10, SECONDS);                               // send as the "answer"
 * ...
 * peer.close();
 * }</pre>
 *
 * A stream announced with encoding {@code mono8} arrives as MONO8, every other stream as BGR8.
 *
 * <p>With a {@link DepthFrameListener} (see {@link RtcEngine#createAnsweringPeer(String, List, PeerSettings,
 * PeerListener, FrameListener, DepthFrameListener)}), the data channels the sender opens for streams announced
 * with {@code "transport":"datachannel"} (PROTOCOL.md 8) are reassembled into whole depth frames; channels
 * with any other label are closed.
 */
public final class AnsweringPeer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnsweringPeer.class);

    private final PeerConnectionCore core;
    private final FrameDelivery delivery; // null with a DecodedFrameSink
    private final DecodedFrameSink decodedSink;
    private final Map<String, StreamTally> tallies = new LinkedHashMap<>();
    private final List<Runnable> sinkRemovals = new ArrayList<>();
    private List<StreamMid> mids = List.of();
    private Map<String, PixelFormat> formats = Map.of();
    private boolean offerAccepted;
    private boolean sinksRemoved;
    private final DepthFrameListener depthFrames; // null: data channels are not received
    private Map<String, Integer> depthStreams = Map.of(); // announced data-channel streams -> max frame bytes
    private final Map<String, DepthChannelReceiver> depthReceivers = new LinkedHashMap<>();
    private boolean depthClosed;

    AnsweringPeer(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                  PeerListener listener, FrameListener frames, DepthFrameListener depthFrames) {
        this(engine, id, iceServers, settings, listener, Objects.requireNonNull(frames, "frames"), null, depthFrames);
    }

    AnsweringPeer(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                  PeerListener listener, DecodedFrameSink frames) {
        this(engine, id, iceServers, settings, listener, null, Objects.requireNonNull(frames, "frames"), null);
    }

    AnsweringPeer(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                  PeerListener listener, DecodedFrameSink frames, DepthFrameListener depthFrames) {
        this(engine, id, iceServers, settings, listener, null, Objects.requireNonNull(frames, "frames"), depthFrames);
    }

    private AnsweringPeer(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                          PeerListener listener, FrameListener frames, DecodedFrameSink decodedSink,
                          DepthFrameListener depthFrames) {
        this.core = new PeerConnectionCore(engine, id, iceServers, settings, listener);
        this.decodedSink = decodedSink;
        this.delivery = frames == null ? null : new FrameDelivery(id, frames);
        this.depthFrames = depthFrames;
        core.onClose(this::removeSinks, delivery == null ? () -> { } : delivery::close);
        if (depthFrames != null) {
            core.onClose(this::closeDepthChannels, null);
            core.onRemoteDataChannel(this::remoteDataChannel);
        }
    }

    public String id() {
        return core.id;
    }

    /**
     * Applies the offer, attaches a sink to each incoming track, creates the answer and sets it as local
     * description; unless trickling, completes once ICE gathering has put every candidate into it.
     * An offer that is not of type offer or not valid SDP fails the future with an
     * {@link IllegalArgumentException} and changes nothing.
     *
     * @param streams   the offer's mid -> stream name mapping (may be empty: tracks are then named
     *                  {@code mid:<mid>})
     * @param announced the sender's announced streams (for their encodings); may be empty
     * @throws IllegalStateException when called twice (a new offer is a new session: a new peer)
     */
    public CompletableFuture<SessionDescription> acceptOffer(SessionDescription offer, List<StreamMid> streams,
                                                             List<StreamDescription> announced) {
        Map<String, PixelFormat> byName = new HashMap<>();
        Map<String, Integer> depth = new HashMap<>();
        for (StreamDescription d : announced == null ? List.<StreamDescription>of() : announced) {
            if (d.isDataChannel()) {
                depth.put(d.name(), maxDepthFrameBytes(d));
            } else {
                byName.put(d.name(), "mono8".equals(d.encoding()) ? PixelFormat.MONO8 : PixelFormat.BGR8);
            }
        }
        CompletableFuture<Void> remoteSet;
        synchronized (this) {
            if (offerAccepted) {
                throw new IllegalStateException("peer " + core.id + " already accepted an offer");
            }
            mids = streams == null ? List.of() : List.copyOf(streams);
            formats = Map.copyOf(byName);
            depthStreams = Map.copyOf(depth);
            remoteSet = core.setRemote(offer, RTCSdpType.OFFER);
            // a bad offer fails at once and changes nothing: the peer may still accept a good one
            offerAccepted = !remoteSet.isCompletedExceptionally();
        }
        return remoteSet
                .thenRun(this::attachSinks)
                .thenCompose(v -> core.createAnswer())
                .thenCompose(core::setLocal)
                .thenCompose(core::localDescriptionToSend);
    }

    /** A trickled candidate from the sender ({@code null} or empty = end of candidates); false = over the caps. */
    public boolean addRemoteCandidate(IceCandidate candidate) {
        return core.addRemoteCandidate(candidate);
    }

    /** Frame counters per stream name (streams appear once their track is attached). */
    public synchronized Map<String, StreamCounters> counters() {
        Map<String, StreamCounters> out = new LinkedHashMap<>();
        tallies.forEach((k, v) -> out.put(k, v.snapshot()));
        return out;
    }

    /** Counts per data-channel stream (streams appear once their channel opened). */
    public synchronized Map<String, DepthChannelCounters> depthCounters() {
        Map<String, DepthChannelCounters> out = new LinkedHashMap<>();
        depthReceivers.forEach((k, v) -> out.put(k, v.counters()));
        return out;
    }

    public RTCPeerConnectionState connectionState() {
        return core.state();
    }

    /** Per-stream RTP statistics (bytes, frames decoded, fps, codec). */
    public CompletableFuture<List<RtpStreamStats>> stats() {
        return core.stats().thenApply(r -> RtpStreamStats.of(r, mids));
    }

    /** Stops the sinks, closes the connection, stops the delivery thread. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    private void attachSinks() {
        for (RTCRtpTransceiver t : core.pc().getTransceivers()) {
            String mid = t.getMid();
            MediaStreamTrack track = t.getReceiver().getTrack();
            if (!(track instanceof VideoTrack video)) {
                LOG.debug("peer {}: m-line {} is not video, ignored", core.id, mid);
                continue;
            }
            String name = mids.stream().filter(m -> Objects.equals(m.mid(), mid)).map(StreamMid::name)
                    .findFirst().orElse("mid:" + mid);
            PixelFormat format = formats.getOrDefault(name, PixelFormat.BGR8);
            StreamTally tally = new StreamTally();
            TrackReceiver sink = new TrackReceiver(core.id, name, format, tally, delivery, decodedSink);
            synchronized (this) {
                if (sinksRemoved) {
                    return;
                }
                if (tallies.containsKey(name)) {
                    LOG.warn("peer {}: two m-lines for stream {}, keeping the first", core.id, name);
                    continue;
                }
                tallies.put(name, tally);
                sinkRemovals.add(() -> {
                    sink.stop();
                    video.removeSink(sink);
                });
                video.addSink(sink);
            }
            LOG.debug("peer {}: receiving stream {} (mid {}) as {}", core.id, name, mid, format.rosEncoding());
        }
    }

    /** The largest frame accepted on a depth stream: its announced size in either codec, else 1280x720's. */
    static int maxDepthFrameBytes(StreamDescription d) {
        boolean sized = d.width() != null && d.height() != null && d.width() > 0 && d.height() > 0
                && d.width() <= 0xFFFF && d.height() <= 0xFFFF;
        return sized ? DepthReassembler.maxFrameBytes(d.width(), d.height()) : DepthReassembler.maxFrameBytes(1280, 720);
    }

    /** On a libwebrtc thread: a channel the sender opened. Only announced depth streams, once each, are kept. */
    private void remoteDataChannel(RTCDataChannel channel) {
        String label = channel.getLabel();
        synchronized (this) {
            Integer max = depthStreams.get(label);
            if (!depthClosed && max != null && !depthReceivers.containsKey(label)) {
                if (!channel.isOrdered() || !channel.isReliable()) {
                    LOG.warn("peer {}: depth channel {} is not ordered and reliable: frames may be dropped", core.id, label);
                }
                depthReceivers.put(label, new DepthChannelReceiver(core.id, label, channel, max, depthFrames,
                        core.engine()::countDataChannelMessage));
                LOG.debug("peer {}: receiving depth stream {} on a data channel", core.id, label);
                return;
            }
        }
        LOG.warn("peer {}: data channel '{}' is not an announced data-channel stream (or a second one), closed",
                core.id, label);
        core.releaseLater(channel);
    }

    private void closeDepthChannels() {
        List<DepthChannelReceiver> receivers;
        synchronized (this) {
            depthClosed = true;
            receivers = new ArrayList<>(depthReceivers.values());
        }
        receivers.forEach(DepthChannelReceiver::close);
    }

    private void removeSinks() {
        List<Runnable> removals;
        synchronized (this) {
            sinksRemoved = true;
            removals = new ArrayList<>(sinkRemovals);
            sinkRemovals.clear();
        }
        removals.forEach(Runnable::run);
    }
}
