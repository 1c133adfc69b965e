package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * W3C {@code RTCIceCandidateInit} in snake_case (PROTOCOL.md 3.4):
 * {@code {"candidate":"candidate:1 1 udp ...","sdp_mid":"0","sdp_mline_index":0}}.
 * {@code sdpMid} and {@code sdpMLineIndex} may be null (absent on the wire).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceCandidate(
        String candidate,
        @JsonProperty("sdp_mid") String sdpMid,
        @JsonProperty("sdp_mline_index") Integer sdpMLineIndex) {
}
