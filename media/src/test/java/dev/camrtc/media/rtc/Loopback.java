package dev.camrtc.media.rtc;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An OfferingPeer and an AnsweringPeer of one engine, connected by handing the SDP over directly (what
 * the signaling server does between processes). Needs the test network namespace.
 */
final class Loopback implements AutoCloseable {

    final OfferingPeer offering;
    final AnsweringPeer answering;
    final LocalOffer offer;
    final SessionDescription answer;
    final CompletableFuture<Void> offeringConnected = new CompletableFuture<>();
    final CompletableFuture<Void> answeringConnected = new CompletableFuture<>();

    Loopback(RtcEngine engine, String id, List<VideoStreamSource> streams, List<StreamDescription> announced,
             PeerSettings settings, FrameListener frames) throws Exception {
        this(engine, id, streams, List.of(), announced, settings, frames, null);
    }

    /** With data-channel streams (PROTOCOL.md 8) and a depth listener (null: none). */
    Loopback(RtcEngine engine, String id, List<VideoStreamSource> streams, List<String> dataChannels,
             List<StreamDescription> announced, PeerSettings settings, FrameListener frames,
             DepthFrameListener depth) throws Exception {
        offering = engine.createOfferingPeer("r-" + id, List.of(), streams, dataChannels, settings,
                connected(offeringConnected));
        answering = engine.createAnsweringPeer("s-" + id, List.of(), settings, connected(answeringConnected), frames,
                depth);
        offer = offering.createOffer().get(10, SECONDS);
        answer = answering.acceptOffer(offer.offer(), offer.streams(), announced).get(10, SECONDS);
        offering.applyAnswer(answer).get(10, SECONDS);
    }

    void awaitConnected() throws Exception {
        CompletableFuture.allOf(offeringConnected, answeringConnected).get(10, SECONDS);
    }

    private static PeerListener connected(CompletableFuture<Void> f) {
        return new PeerListener() {
            @Override
            public void onConnectionStateChange(RTCPeerConnectionState state) {
                if (state == RTCPeerConnectionState.CONNECTED) {
                    f.complete(null);
                } else if (state == RTCPeerConnectionState.FAILED) {
                    f.completeExceptionally(new IllegalStateException("connection failed"));
                }
            }
        };
    }

    @Override
    public void close() {
        answering.close();
        offering.close();
    }
}
