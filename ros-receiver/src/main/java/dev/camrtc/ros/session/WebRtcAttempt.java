package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.AnsweringPeer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.ReceivedFrame;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One answered offer: the {@link AnsweringPeer} of one WebRTC session with the sender, its {@code session_id}
 * (PROTOCOL.md 3.3), and the hand-off of its frames to a {@link StreamOutput} with their header stamps.
 */
final class WebRtcAttempt implements AutoCloseable {
    private final Offer offer;
    private final AnsweringPeer peer;

    WebRtcAttempt(RtcEngine engine, List<IceServer> iceServers, PeerSettings settings, Offer offer,
                  PeerListener listener, StreamOutput output) {
        this.offer = offer;
        this.peer = engine.createAnsweringPeer(offer.senderId(), iceServers, settings, listener,
                f -> output.deliver(f.frame(), headerStamp(f)));
    }

    /**
     * header.stamp of a received frame: the sender's capture time when the frame carries a frame stamp
     * (PROTOCOL.md 7), else the time this receiver got it from the decoder.
     */
    static Instant headerStamp(ReceivedFrame f) {
        return Instant.ofEpochMilli(f.stamp().isPresent() ? f.frame().captureTimeMillis() : f.receivedAtMillis());
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
