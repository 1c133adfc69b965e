package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A peer-to-peer session: the {@link OfferingPeer} to one receiver and its share of the
 * {@link WebRtcStreams}. With trickle ICE, local candidates found before the offer went out wait here
 * (PROTOCOL.md 3.4: candidates follow the offer they belong to). {@link #close()} closes the peer
 * (removing its tracks), then releases the streams: in that order, once.
 */
final class DirectPeer extends SessionPeer {

    private final OfferingPeer peer;
    private final List<String> streams;
    private final WebRtcStreams shared;
    private final java.util.concurrent.atomic.AtomicReference<SessionSlots.Slot> slot;
    private final List<IceCandidate> early = new ArrayList<>();
    private Consumer<IceCandidate> candidateOut;
    private boolean closed;

    /** @param slot its place in {@code --max-sessions}, given back at {@link #close()} unless handed over */
    DirectPeer(OfferingPeer peer, List<String> streams, WebRtcStreams shared, SessionSlots.Slot slot) {
        this.peer = peer;
        this.streams = List.copyOf(streams);
        this.shared = shared;
        this.slot = new java.util.concurrent.atomic.AtomicReference<>(slot);
    }

    /** Its slot, for the session replacing it (this one then closes without giving it back); null once closed. */
    SessionSlots.Slot handOverSlot() {
        return slot.getAndSet(null);
    }

    /** Starts sending the peer's depth data channels (PROTOCOL.md 8); before its offer goes out. */
    void attachDepth() {
        peer.depthChannels().forEach(shared::attachDepth);
    }

    @Override
    java.util.Optional<OfferingPeer> offeringPeer() {
        return java.util.Optional.of(peer);
    }

    /** Applies the receiver's answer (the {@link OfferingPeer}'s, completing when it is applied). */
    @Override
    CompletableFuture<Void> applyAnswer(SessionDescription answer) {
        return peer.applyAnswer(answer);
    }

    /** Adds a trickled remote candidate; false when the peer's candidate limits are reached. */
    @Override
    boolean addRemoteCandidate(IceCandidate candidate) {
        return peer.addRemoteCandidate(candidate);
    }

    @Override
    RTCPeerConnectionState connectionState() {
        return peer.connectionState();
    }

    @Override
    List<String> streams() {
        return streams;
    }

    /** A local candidate (null = end of candidates): sent now if the offer is out, else kept until it is. */
    @Override
    synchronized void localCandidate(IceCandidate candidateOrNull) {
        if (closed) {
            return;
        }
        if (candidateOut == null) {
            early.add(candidateOrNull);
        } else {
            candidateOut.accept(candidateOrNull);
        }
    }

    /** The offer is out: sends the candidates kept so far, in order, and every later one at once. */
    @Override
    synchronized void offerSent(Consumer<IceCandidate> out) {
        candidateOut = out;
        early.forEach(out);
        early.clear();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            early.clear();
        }
        try {
            peer.depthChannels().forEach(shared::detachDepth);
            peer.close();
        } finally {
            shared.release(streams);
            SessionSlots.Slot s = slot.getAndSet(null);
            if (s != null) {
                s.close();
            }
        }
    }
}
