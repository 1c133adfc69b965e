package dev.camrtc.media.natives;

import dev.onvoid.webrtc.PeerConnectionFactory;

/**
 * Loads webrtc-java's native library (it unpacks a 23 MB .so into {@code java.io.tmpdir}, ~200 ms).
 * The library loads it only when {@link PeerConnectionFactory} is initialised; classes that use
 * static native helpers (buffers, converters) without a factory call {@link #load()} first.
 */
public final class WebRtcLibrary {

    private WebRtcLibrary() { }

    /** Idempotent; throws the library's RuntimeException when the .so cannot be loaded. */
    public static void load() {
        try {
            Class.forName(PeerConnectionFactory.class.getName(), true, WebRtcLibrary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("webrtc-java is not on the class path", e);
        }
    }
}
