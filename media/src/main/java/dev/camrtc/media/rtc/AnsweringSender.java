package dev.camrtc.media.rtc;

import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The sender's side of a session in which the remote peer offers (WHEP, PROTOCOL.md 5): applies a
 * {@code recvonly} offer, puts one stream's shared track on each of the offer's video m-lines in order
 * (track id and stream id = stream name), and answers {@code sendonly}; m-lines left over (audio, or more
 * video m-lines than streams) are answered {@code inactive}. Like {@link OfferingPeer}, the shared sources
 * stay open when the peer closes.
 *
 * <pre>{@code
 * AnsweringSender peer = engine.createAnsweringSender("whep-1", List.of(), settings, listener);
 * SessionDescription answer = peer.answer(offer, List.of(color)).get(10, SECONDS);
 * peer.addRemoteCandidate(candidate);                          // trickled by the remote peer
 * ...
 * peer.close();                                                // never from a libwebrtc callback
 * }</pre>
 *
 * The codec is the offer's first one that libwebrtc can send ({@link PeerSettings#codec()} is not used:
 * an answerer follows the offer); the bitrate limits are set once the answer is applied.
 */
public final class AnsweringSender implements AutoCloseable {

    private final PeerConnectionCore core;
    private final PeerSettings settings;
    private final List<StreamMid> mids = new ArrayList<>();
    private boolean answered;

    AnsweringSender(RtcEngine engine, String id, List<IceServer> iceServers, PeerSettings settings,
                    PeerListener listener) {
        this.settings = settings;
        this.core = new PeerConnectionCore(engine, id, iceServers, settings, listener);
    }

    public String id() {
        return core.id;
    }

    /** Number of {@code m=video} sections of an SDP text: how many streams an offer can take. */
    public static int videoMLineCount(String sdp) {
        int n = 0;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=video ")) {
                n++;
            }
        }
        return n;
    }

    /**
     * Applies the offer, sends {@code streams} on its video m-lines (the first stream on the first video
     * m-line, ...), creates the answer and sets it; unless trickling, completes once ICE gathering has put
     * every candidate into it. An offer that is not of type offer, not valid SDP or refused by libwebrtc
     * fails the future with an {@link IllegalArgumentException}.
     *
     * @param streams at least one, at most {@link #videoMLineCount(String)} of the offer
     * @throws IllegalStateException when called twice (a new offer is a new session: a new peer)
     * @throws IllegalArgumentException for no stream, or more streams than the offer has video m-lines
     */
    public CompletableFuture<SessionDescription> answer(SessionDescription offer, List<VideoStreamSource> streams) {
        if (streams.isEmpty() || streams.size() > videoMLineCount(offer.sdp() == null ? "" : offer.sdp())) {
            throw new IllegalArgumentException("peer " + core.id + ": " + streams.size()
                    + " streams for an offer with " + videoMLineCount(offer.sdp() == null ? "" : offer.sdp())
                    + " video m-lines");
        }
        synchronized (this) {
            if (answered) {
                throw new IllegalStateException("peer " + core.id + " already answered an offer");
            }
            answered = true;
        }
        return core.setRemote(offer, RTCSdpType.OFFER)
                .handle((v, e) -> {
                    if (e != null) { // an offer libwebrtc refuses is a bad offer, like one that is not SDP
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        throw new CompletionException(cause instanceof IllegalArgumentException ? cause
                                : new IllegalArgumentException(cause.getMessage(), cause));
                    }
                    return v;
                })
                .thenRun(() -> attach(streams))
                .thenCompose(v -> core.createAnswer())
                .thenCompose(core::setLocal)
                .thenApply(d -> {
                    applyBitrates();
                    return d;
                })
                .thenCompose(core::localDescriptionToSend);
    }

    /**
     * A candidate trickled by the remote peer ({@code null} or empty = end of candidates).
     *
     * @return false when refused because the peer already sent {@link PeerSettings#MAX_REMOTE_CANDIDATES}
     *         candidates or {@link PeerSettings#MAX_REMOTE_CANDIDATE_BYTES} of them: end the session
     * @throws IllegalArgumentException for a candidate with neither {@code sdp_mid} nor {@code sdp_mline_index}
     */
    public boolean addRemoteCandidate(IceCandidate candidate) {
        return core.addRemoteCandidate(candidate);
    }

    /** Which stream each answered m-line carries, in m-line order (empty before the offer is applied). */
    public synchronized List<StreamMid> streams() {
        return List.copyOf(mids);
    }

    public RTCPeerConnectionState connectionState() {
        return core.state();
    }

    /** Per-stream RTP statistics (bytes, frames, fps, codec), keyed by stream name. */
    public CompletableFuture<List<RtpStreamStats>> stats() {
        return core.stats().thenApply(r -> RtpStreamStats.of(r, streams()));
    }

    /** Removes the tracks and closes the connection; the shared sources stay open. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    /** On the event thread, after the offer is applied: addTrack reuses the offer's video transceivers in order. */
    private void attach(List<VideoStreamSource> streams) {
        for (VideoStreamSource s : streams) {
            MediaStreamTrack track = s.attach();
            core.onClose(null, s::detach);
            core.pc().addTrack(track, List.of(s.name()));
        }
        List<StreamMid> found = new ArrayList<>();
        for (RTCRtpTransceiver t : core.pc().getTransceivers()) {
            MediaStreamTrack track = t.getSender().getTrack();
            if (track != null && t.getMid() != null) {
                found.add(new StreamMid(t.getMid(), track.getId()));
            }
        }
        if (found.size() != streams.size()) {
            throw new IllegalArgumentException("peer " + core.id + ": the offer has no video m-line for "
                    + (streams.size() - found.size()) + " of the streams");
        }
        synchronized (this) {
            mids.addAll(found);
        }
    }

    private void applyBitrates() {
        List<RTCRtpSender> senders = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RTCRtpTransceiver t : core.pc().getTransceivers()) {
            MediaStreamTrack track = t.getSender().getTrack();
            if (track != null) {
                senders.add(t.getSender());
                names.add(track.getId());
            }
        }
        SendBitrates.apply(core.id, senders, names, settings);
    }
}
