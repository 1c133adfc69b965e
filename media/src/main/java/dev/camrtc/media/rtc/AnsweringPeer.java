package dev.camrtc.media.rtc;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.StreamMid;
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
 */
public final class AnsweringPeer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnsweringPeer.class);

    private final PeerConnectionCore core;
    private final FrameDelivery delivery;
    private final Map<String, StreamTally> tallies = new LinkedHashMap<>();
    private final List<Runnable> sinkRemovals = new ArrayList<>();
    private List<StreamMid> mids = List.of();
    private Map<String, PixelFormat> formats = Map.of();
    private boolean offerAccepted;
    private boolean sinksRemoved;

    AnsweringPeer(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                  PeerListener listener, FrameListener frames) {
        Objects.requireNonNull(frames, "frames");
        this.core = new PeerConnectionCore(engine, id, iceServers, settings, listener);
        this.delivery = new FrameDelivery(id, frames);
        core.onClose(this::removeSinks, delivery::close);
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
        for (StreamDescription d : announced == null ? List.<StreamDescription>of() : announced) {
            byName.put(d.name(), "mono8".equals(d.encoding()) ? PixelFormat.MONO8 : PixelFormat.BGR8);
        }
        CompletableFuture<Void> remoteSet;
        synchronized (this) {
            if (offerAccepted) {
                throw new IllegalStateException("peer " + core.id + " already accepted an offer");
            }
            mids = streams == null ? List.of() : List.copyOf(streams);
            formats = Map.copyOf(byName);
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
                log.debug("peer {}: m-line {} is not video, ignored", core.id, mid);
                continue;
            }
            String name = mids.stream().filter(m -> Objects.equals(m.mid(), mid)).map(StreamMid::name)
                    .findFirst().orElse("mid:" + mid);
            PixelFormat format = formats.getOrDefault(name, PixelFormat.BGR8);
            StreamTally tally = new StreamTally();
            TrackReceiver sink = new TrackReceiver(core.id, name, format, tally, delivery);
            synchronized (this) {
                if (sinksRemoved) {
                    return;
                }
                if (tallies.containsKey(name)) {
                    log.warn("peer {}: two m-lines for stream {}, keeping the first", core.id, name);
                    continue;
                }
                tallies.put(name, tally);
                sinkRemovals.add(() -> {
                    sink.stop();
                    video.removeSink(sink);
                });
                video.addSink(sink);
            }
            log.debug("peer {}: receiving stream {} (mid {}) as {}", core.id, name, mid, format.rosEncoding());
        }
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
