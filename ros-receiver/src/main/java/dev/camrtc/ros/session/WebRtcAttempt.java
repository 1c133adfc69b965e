package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.AnsweringPeer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.ros.frame.DecodedImage;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One answered offer: the {@link AnsweringPeer} of one WebRTC session with the sender, its {@code session_id}
 * (PROTOCOL.md 3.3), and the hand-off of its decoded frames, unconverted ({@link DecodedImage}), straight from
 * the decoder thread to a {@link StreamOutput}, and of its depth frames (PROTOCOL.md 8) from their data channel.
 */
final class WebRtcAttempt implements AutoCloseable {
    private final Offer offer;
    private final AnsweringPeer peer;

    WebRtcAttempt(RtcEngine engine, List<IceServer> iceServers, PeerSettings settings, Offer offer,
                  PeerListener listener, StreamOutput output) {
        this.offer = offer;
        this.peer = engine.createAnsweringPeer(offer.senderId(), iceServers, settings, listener,
                (stream, format, i420, receivedAt) -> output.deliver(DecodedImage.retain(stream, format, i420,
                        receivedAt)), output::deliverDepth);
    }

    /** Applies the offer and makes the answer (with every candidate in it: non-trickle). */
    CompletableFuture<SessionDescription> answer(List<StreamDescription> announced) {
        return peer.acceptOffer(offer.offer(), offer.streams(), announced);
    }

    String senderId() {
        return offer.senderId();
    }

    /** The sender's session id, echoed in the answer, candidates and hangup; may be null. */
    String sessionId() {
        return offer.sessionId();
    }

    /** True for a message of this session (no session id = the current session, PROTOCOL.md 3.3). */
    boolean owns(String senderId, String sessionId) {
        return offer.senderId().equals(senderId) && (sessionId == null || sessionId.equals(offer.sessionId()));
    }

    void addRemoteCandidate(IceCandidate candidate) {
        peer.addRemoteCandidate(candidate);
    }

    RTCPeerConnectionState state() {
        return peer.connectionState();
    }

    @Override
    public void close() {
        peer.close();
    }
}
