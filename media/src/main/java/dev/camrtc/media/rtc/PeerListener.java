package dev.camrtc.media.rtc;

import dev.camrtc.protocol.IceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;

/**
 * Events of one peer connection. Called on the engine's event thread (never on a libwebrtc thread),
 * one event at a time, in order: keep handlers short, and closing the peer from here is allowed.
 */
public interface PeerListener {

    /** W3C connection state: NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED. */
    default void onConnectionStateChange(RTCPeerConnectionState state) { }

    /** Trickle only: a local candidate to send to the other side; {@code null} = end of candidates. */
    default void onLocalCandidate(IceCandidate candidateOrNull) { }

    PeerListener NONE = new PeerListener() { };
}
