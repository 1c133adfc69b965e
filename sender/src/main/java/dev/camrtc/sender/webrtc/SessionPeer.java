package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What one session with one receiver holds, whichever way its media goes: {@link DirectPeer} (peer-to-peer, the
 * sender's own peer connection) or {@link RelayedPeer} (through an SFU, see {@link Relay}). {@link #close()} frees
 * everything the session holds, once.
 */
abstract sealed class SessionPeer implements AutoCloseable permits DirectPeer, RelayedPeer {

    private volatile boolean answered;

    /** The sender's own peer connection of this session, for its statistics; empty when relayed. */
    abstract Optional<OfferingPeer> offeringPeer();

    /** Applies the receiver's answer; completes when it is applied. */
    abstract CompletableFuture<Void> applyAnswer(SessionDescription answer);

    /** Adds a trickled remote candidate (null = end); false when the session's candidate limits are reached. */
    abstract boolean addRemoteCandidate(IceCandidate candidateOrNull);

    abstract RTCPeerConnectionState connectionState();

    /** The video streams this session sends. */
    abstract List<String> streams();

    /** A local candidate (null = end of candidates), sent once the offer is out. */
    abstract void localCandidate(IceCandidate candidateOrNull);

    /** The offer is out: candidates go to {@code out} from now on. */
    abstract void offerSent(Consumer<IceCandidate> out);

    /** The receiver's answer arrived (applied or being applied). */
    final void answerArrived() {
        answered = true;
    }

    /** True once the receiver answered; an unanswered session is abandoned after the answer timeout. */
    final boolean answered() {
        return answered;
    }

    @Override
    public abstract void close();
}
