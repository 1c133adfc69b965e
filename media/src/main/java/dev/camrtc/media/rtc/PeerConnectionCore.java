package dev.camrtc.media.rtc;

import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.SessionDescription;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mechanics both peer roles share: one RTCPeerConnection, its observer, SDP steps as futures,
 * ICE gathering, trickle candidates, stats and the crash-free close. Every future completes and every
 * listener runs on the engine's event thread, never on a libwebrtc thread.
 */
final class PeerConnectionCore implements PeerConnectionObserver {

    private static final Logger LOG = LoggerFactory.getLogger(PeerConnectionCore.class);

    final String id;
    private final RtcEngine engine;
    private final PeerSettings settings;
    private final PeerListener listener;
    private final RTCPeerConnection pc;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final RemoteCandidates remoteCandidates;
    private final List<Runnable> beforeClose = new ArrayList<>();
    private final List<Runnable> afterClose = new ArrayList<>();
    private boolean closed;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private RTCPeerConnectionState lastDelivered = RTCPeerConnectionState.NEW; // event thread only
    private volatile Consumer<RTCDataChannel> remoteDataChannels; // null: channels the peer opens are released

    PeerConnectionCore(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                       PeerListener listener) {
        this.engine = engine;
        this.id = id;
        this.settings = settings;
        this.listener = listener == null ? PeerListener.NONE : listener;
        this.pc = engine.newPeerConnection(iceServers, this, this);
        this.remoteCandidates = new RemoteCandidates(id, pc);
    }

    RtcEngine engine() {
        return engine;
    }

    RTCPeerConnection pc() {
        return pc;
    }

    RTCPeerConnectionState state() {
        return state;
    }

    /** Work done before {@code pc.close()} (remove sinks) and after it (release tracks), in order. */
    synchronized void onClose(Runnable before, Runnable after) {
        if (before != null) {
            beforeClose.add(before);
        }
        if (after != null) {
            afterClose.add(after);
        }
    }

    // ---- SDP steps ----------------------------------------------------------------------------------

    CompletableFuture<RTCSessionDescription> createOffer() {
        CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), SdpFutures.created(engine::onEventThread, f, "peer " + id + ": create offer"));
        return f;
    }

    CompletableFuture<RTCSessionDescription> createAnswer() {
        CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
        pc.createAnswer(new RTCAnswerOptions(), SdpFutures.created(engine::onEventThread, f, "peer " + id + ": create answer"));
        return f;
    }

    /** Sets the local description; completes with that same description. */
    CompletableFuture<RTCSessionDescription> setLocal(RTCSessionDescription description) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        pc.setLocalDescription(description,
                SdpFutures.set(engine::onEventThread, f, "peer " + id + ": set local " + description.sdpType));
        return f.thenApply(v -> description);
    }

    /**
     * Sets the remote description. A description of the wrong type or that is not SDP fails the
     * returned future at once with an {@link IllegalArgumentException} and changes nothing.
     */
    CompletableFuture<Void> setRemote(SessionDescription description, RTCSdpType expected) {
        RTCSessionDescription remote;
        try {
            remote = SdpFutures.toRtc(description, expected);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("peer " + id + ": " + e.getMessage()));
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            pc.setRemoteDescription(remote, SdpFutures.set(engine::onEventThread, f, "peer " + id + ": set remote " + expected));
        } catch (Error e) {
            // webrtc-java throws java.lang.Error, synchronously, for SDP it cannot parse
            if (e.getClass() != Error.class) {
                throw e;
            }
            return CompletableFuture.failedFuture(new IllegalArgumentException("peer " + id + ": the remote "
                    + expected.name().toLowerCase(Locale.ROOT) + " is not valid SDP: " + e.getMessage()));
        }
        return f.thenRun(remoteCandidates::remoteDescriptionSet);
    }

    /**
     * The local description once it may be sent: with trickle, {@code created} as it is (candidates go
     * out separately); else the current local description after gathering completed (or timed out).
     */
    CompletableFuture<SessionDescription> localDescriptionToSend(RTCSessionDescription created) {
        if (settings.trickle()) {
            return CompletableFuture.completedFuture(SdpFutures.fromRtc(created));
        }
        CompletableFuture<Void> ready =
                gathered.copy().completeOnTimeout(null, settings.gatheringTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return ready.thenApplyAsync(v -> {
            if (!gathered.isDone()) {
                LOG.warn("peer {}: ICE gathering not complete after {} ms, sending the candidates found so far",
                        id, settings.gatheringTimeout().toMillis());
            }
            RTCSessionDescription d = pc.getLocalDescription();
            if (d == null) {
                throw new IllegalStateException("peer " + id + " has no local description");
            }
            return SdpFutures.fromRtc(d);
        }, engine::onEventThread);
    }

    // ---- ICE ----------------------------------------------------------------------------------------

    /**
     * Adds a trickled remote candidate ({@link RemoteCandidates}); queued until the remote description is set;
     * null = end.
     * A peer accepts at most {@link PeerSettings#MAX_REMOTE_CANDIDATES} candidates and
     * {@link PeerSettings#MAX_REMOTE_CANDIDATE_BYTES} of candidate text over its life (queued or applied),
     * so a careless or hostile remote peer cannot make it hold unbounded state.
     *
     * @return false when the candidate was refused because it would exceed those caps (nothing changed;
     *         the caller should end the session); true otherwise (also for end-of-candidates and after close)
     * @throws IllegalArgumentException for a candidate with neither {@code sdp_mid} nor {@code sdp_mline_index}
     */
    boolean addRemoteCandidate(IceCandidate candidate) {
        return remoteCandidates.add(candidate);
    }

    @Override
    public void onIceCandidate(RTCIceCandidate c) {
        if (settings.trickle()) {
            IceCandidate out = new IceCandidate(c.sdp, c.sdpMid, c.sdpMLineIndex);
            engine.onEventThread(() -> listener.onLocalCandidate(out));
        }
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState s) {
        if (s == RTCIceGatheringState.COMPLETE) {
            gathered.complete(null);
            if (settings.trickle()) {
                engine.onEventThread(() -> listener.onLocalCandidate(null));
            }
        }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState s) {
        state = s;
        engine.onEventThread(() -> deliver(s));
    }

    /** On the event thread: each state once, in order (close() reports CLOSED itself). */
    private void deliver(RTCPeerConnectionState s) {
        if (s == lastDelivered) {
            return;
        }
        lastDelivered = s;
        LOG.info("peer {}: connection {}", id, s.name().toLowerCase(Locale.ROOT));
        listener.onConnectionStateChange(s);
    }

    // ---- data channels ------------------------------------------------------------------------------

    /** A data channel of this connection, ordered and reliable (PROTOCOL.md 8); create before the offer. */
    RTCDataChannel createDataChannel(String label) {
        return pc.createDataChannel(label, DataChannels.orderedReliable());
    }

    /** Who takes the channels the remote peer opens; it runs on a libwebrtc thread and must not block. */
    void onRemoteDataChannel(Consumer<RTCDataChannel> handler) {
        remoteDataChannels = handler;
    }

    @Override
    public void onDataChannel(RTCDataChannel channel) {
        Consumer<RTCDataChannel> handler = remoteDataChannels;
        if (handler != null) {
            handler.accept(channel);
        } else {
            releaseLater(channel);
        }
    }

    /** Releases a channel on the event thread (never inside a libwebrtc callback). */
    void releaseLater(RTCDataChannel channel) {
        engine.onEventThread(() -> DataChannels.release(id, channel));
    }

    // ---- stats and close ----------------------------------------------------------------------------

    CompletableFuture<RTCStatsReport> stats() {
        CompletableFuture<RTCStatsReport> f = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                f.completeExceptionally(new IllegalStateException("peer " + id + " is closed"));
                return f;
            }
            pc.getStats(report -> engine.onEventThread(() -> f.complete(report)));
        }
        return f;
    }

    /**
     * Stops media, removes every sending track, closes the connection, then releases what the roles
     * registered. Idempotent and safe from any thread except a libwebrtc callback thread.
     */
    void close() {
        List<Runnable> before;
        List<Runnable> after;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            remoteCandidates.close();
            before = new ArrayList<>(beforeClose);
            after = new ArrayList<>(afterClose);
        }
        before.forEach(PeerConnectionCore::quietly);
        for (RTCRtpSender sender : pc.getSenders()) {
            if (sender.getTrack() != null) {
                pc.removeTrack(sender);
            }
        }
        pc.close();
        state = RTCPeerConnectionState.CLOSED;
        after.forEach(PeerConnectionCore::quietly);
        engine.forget(this);
        gathered.cancel(false);
        engine.onEventThread(() -> deliver(RTCPeerConnectionState.CLOSED));
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("error while closing a peer: {}", e.toString());
        }
    }
}
