package dev.camrtc.media.rtc;

import dev.camrtc.protocol.IceCandidate;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote peer's trickled ICE candidates of one {@link PeerConnectionCore}: queued until the remote
 * description is set, then applied; bounded over the peer's life to {@link PeerSettings#MAX_REMOTE_CANDIDATES}
 * candidates and {@link PeerSettings#MAX_REMOTE_CANDIDATE_BYTES} of candidate text (queued or applied), so a
 * careless or hostile remote peer cannot make it hold unbounded state.
 *
 * <p>Threads: any thread may add candidates (the caller's, usually the signaling thread); the counters, the
 * queue and the flags are guarded by this object's monitor, and candidates are handed to libwebrtc outside it.
 */
final class RemoteCandidates {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCandidates.class);

    private final String id;
    private final RTCPeerConnection pc;
    private final List<IceCandidate> pending = new ArrayList<>(); // guarded by this
    private int accepted;      // over the peer's life, guarded by this
    private long acceptedChars; // their text, guarded by this
    private boolean remoteSet; // guarded by this
    private boolean closed;    // guarded by this

    RemoteCandidates(String id, RTCPeerConnection pc) {
        this.id = id;
        this.pc = pc;
    }

    /** See {@link PeerConnectionCore#addRemoteCandidate}. */
    boolean add(IceCandidate candidate) {
        if (candidate == null || candidate.candidate() == null || candidate.candidate().isBlank()) {
            return true; // end of candidates: nothing to do for libwebrtc
        }
        if (candidate.sdpMid() == null && candidate.sdpMLineIndex() == null) {
            throw new IllegalArgumentException("candidate needs sdp_mid or sdp_mline_index: " + candidate.candidate());
        }
        long bytes = candidate.candidate().length() + (candidate.sdpMid() == null ? 0 : candidate.sdpMid().length());
        synchronized (this) {
            if (closed) {
                return true;
            }
            if (accepted >= PeerSettings.MAX_REMOTE_CANDIDATES
                    || acceptedChars + bytes > PeerSettings.MAX_REMOTE_CANDIDATE_BYTES) {
                return false;
            }
            accepted++;
            acceptedChars += bytes;
            if (!remoteSet) {
                pending.add(candidate);
                return true;
            }
        }
        apply(candidate);
        return true;
    }

    /** The remote description is set: applies the queued candidates, in order, and every later one at once. */
    void remoteDescriptionSet() {
        List<IceCandidate> queued;
        synchronized (this) {
            remoteSet = true;
            queued = new ArrayList<>(pending);
            pending.clear();
        }
        queued.forEach(this::apply);
    }

    /** The peer is closing: later candidates are ignored. */
    synchronized void close() {
        closed = true;
    }

    private void apply(IceCandidate c) {
        try {
            pc.addIceCandidate(new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex() == null ? 0 : c.sdpMLineIndex(),
                    c.candidate()));
        } catch (RuntimeException | Error e) {
            if (e instanceof Error && e.getClass() != Error.class) {
                throw (Error) e; // webrtc-java reports refusals as plain java.lang.Error; keep real VM errors
            }
            LOG.warn("peer {}: remote candidate refused ({}): {}", id, e.getMessage(), c.candidate());
        }
    }
}
