package dev.camrtc.ros.session;

import dev.camrtc.media.rtc.RtcEngine;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The receiver's WebRTC engine, renewed after a bounded number of data-channel messages. webrtc-java 0.14.0
 * keeps every received data-channel message reachable until its engine closes (see
 * {@link RtcEngine#dataChannelMessagesReceived()}): lossless depth at 640x480@30 is about 300 messages a second,
 * about 1.6 MB of heap a minute, which would fill the receiver's 128 MB heap in about an hour. So once the
 * current engine has received {@code renewAfterMessages}, the session ends its peer, the engine is closed (which
 * frees them all) and a new one answers the next offer: a gap of about one offer/answer round trip in every
 * topic (170 ms on one machine), every few minutes at that rate with the default.
 *
 * <p>Created and closed by the receiver; used on the session thread. Thread-safe.
 */
public final class EngineRenewal implements AutoCloseable {

    /**
     * Default messages per engine: at most about 14 MB of heap and 2.4 MB of native memory held by webrtc-java
     * (about 90 + 16 bytes each), well inside the receiver's JVM bounds; a renewal every 8 minutes at 300
     * messages a second (a recording of poorly compressible depth), about every 20 at a real D435's rate.
     */
    public static final long DEFAULT_RENEW_AFTER_MESSAGES = 150_000;

    /** How often a connected session compares the count with the bound. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    private final Supplier<RtcEngine> factory;
    private final long renewAfterMessages;
    private RtcEngine engine;
    private long renewals;
    private boolean closed;

    /** Opens the first engine now. */
    public EngineRenewal(Supplier<RtcEngine> factory, long renewAfterMessages) {
        if (renewAfterMessages < 1) {
            throw new IllegalArgumentException("renewAfterMessages must be positive: " + renewAfterMessages);
        }
        this.factory = factory;
        this.renewAfterMessages = renewAfterMessages;
        this.engine = factory.get();
    }

    /** The engine new peers are made with. */
    synchronized RtcEngine current() {
        if (closed) {
            throw new IllegalStateException("the WebRTC engine is closed");
        }
        return engine;
    }

    /** True when the current engine has received its bound of data-channel messages. */
    synchronized boolean due() {
        return !closed && engine.dataChannelMessagesReceived() >= renewAfterMessages;
    }

    /** Data-channel messages of the current engine (each held until it closes). */
    synchronized long messagesHeld() {
        return closed ? 0 : engine.dataChannelMessagesReceived();
    }

    /** Closes the current engine (and any peer still on it) and opens a new one. */
    synchronized void renew() {
        if (closed) {
            return;
        }
        engine.close();
        engine = factory.get();
        renewals++;
    }

    /** Times the engine was renewed. */
    public synchronized long renewals() {
        return renewals;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }
}
