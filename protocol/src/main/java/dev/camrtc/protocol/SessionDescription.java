package dev.camrtc.protocol;

/** W3C {@code RTCSessionDescriptionInit}: {@code {"type":"offer","sdp":"v=0..."}}. */
public record SessionDescription(String type, String sdp) {

    public static SessionDescription offer(String sdp) {
        return new SessionDescription("offer", sdp);
    }

    public static SessionDescription answer(String sdp) {
        return new SessionDescription("answer", sdp);
    }
}
