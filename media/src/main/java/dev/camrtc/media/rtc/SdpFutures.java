package dev.camrtc.media.rtc;

import dev.camrtc.protocol.SessionDescription;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * libwebrtc's SDP observers as futures. The observers run on libwebrtc's signaling thread; they only
 * hand the result to {@code events}, so futures complete (and their dependents run) there instead.
 */
final class SdpFutures {

    private SdpFutures() { }

    static CreateSessionDescriptionObserver created(Executor events, CompletableFuture<RTCSessionDescription> f,
                                                    String what) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                events.execute(() -> f.complete(d));
            }

            @Override
            public void onFailure(String error) {
                events.execute(() -> f.completeExceptionally(new IllegalStateException(what + " failed: " + error)));
            }
        };
    }

    static SetSessionDescriptionObserver set(Executor events, CompletableFuture<Void> f, String what) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                events.execute(() -> f.complete(null));
            }

            @Override
            public void onFailure(String error) {
                events.execute(() -> f.completeExceptionally(new IllegalStateException(what + " failed: " + error)));
            }
        };
    }

    /** The libwebrtc form of a protocol description of the expected type. */
    static RTCSessionDescription toRtc(SessionDescription d, RTCSdpType expected) {
        if (d == null || d.sdp() == null || d.sdp().isBlank()) {
            throw new IllegalArgumentException("session description without sdp");
        }
        if (d.type() == null || !expected.name().equalsIgnoreCase(d.type())) {
            throw new IllegalArgumentException("expected a session description of type "
                    + expected.name().toLowerCase(Locale.ROOT) + ", got '" + d.type() + "'");
        }
        return new RTCSessionDescription(expected, d.sdp());
    }

    /** The protocol form ({@code "offer"} / {@code "answer"}) of a libwebrtc description. */
    static SessionDescription fromRtc(RTCSessionDescription d) {
        return new SessionDescription(d.sdpType.name().toLowerCase(Locale.ROOT), d.sdp);
    }
}
