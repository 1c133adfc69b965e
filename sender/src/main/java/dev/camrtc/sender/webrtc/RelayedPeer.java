package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A session served through a {@link Relay}: the receiver's answer and candidates go to the relay; the relay's
 * candidates are in its offer, so none are trickled from here. Its connection state is what the relay reports
 * ({@link #stateChanged}); a receiver's trickled candidates are capped like a direct peer's
 * ({@link PeerSettings#MAX_REMOTE_CANDIDATES}).
 */
final class RelayedPeer extends SessionPeer {

    private final Relay.Session relayed;
    private final List<String> streams;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private int candidates; // serial thread only

    RelayedPeer(Relay.Session relayed, List<String> streams) {
        this.relayed = relayed;
        this.streams = List.copyOf(streams);
    }

    Relay.Session relayed() {
        return relayed;
    }

    /** What the relay reported last for this session. */
    void stateChanged(RTCPeerConnectionState s) {
        state = s;
    }

    @Override
    Optional<OfferingPeer> offeringPeer() {
        return Optional.empty();
    }

    @Override
    CompletableFuture<Void> applyAnswer(SessionDescription answer) {
        if (answer == null || !"answer".equals(answer.type()) || answer.sdp() == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not an SDP answer"));
        }
        return relayed.answer(answer);
    }

    @Override
    boolean addRemoteCandidate(IceCandidate candidateOrNull) {
        if (candidateOrNull != null && ++candidates > PeerSettings.MAX_REMOTE_CANDIDATES) {
            return false;
        }
        relayed.candidate(candidateOrNull);
        return true;
    }

    @Override
    RTCPeerConnectionState connectionState() {
        return state;
    }

    @Override
    List<String> streams() {
        return streams;
    }

    @Override
    void localCandidate(IceCandidate candidateOrNull) {
        // the relay's candidates are inside its offer
    }

    @Override
    void offerSent(Consumer<IceCandidate> out) {
        // nothing waits: see localCandidate
    }

    @Override
    public void close() {
        relayed.close();
    }
}
