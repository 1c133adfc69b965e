package dev.camrtc.protocol.client;

import java.time.Duration;

/** Every default of the signaling client, in one place. */
public final class SignalingDefaults {

    /** Time to open the WebSocket and receive {@code registered}. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** First reconnection delay after a lost connection or a failed attempt (then doubled). */
    public static final Duration FIRST_RETRY = Duration.ofMillis(250);
    /** Reconnection delays double up to this. */
    public static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** Each delay is varied by up to this fraction, up or down, so that many peers do not retry in step. */
    public static final double RETRY_JITTER = 0.2;
    /**
     * Delay between attempts while the server refuses the upgrade with a 4xx status (wrong token, invalid
     * name): a fast retry cannot succeed, but the server may be restarted with another configuration.
     */
    public static final Duration REFUSED_RETRY = Duration.ofSeconds(30);
    /**
     * A reconnecting client drops a connection on which nothing (not even a ping) came from the server for
     * this long: the server pings every 10 s (PROTOCOL.md 1), so this means the server or the network is gone
     * without a TCP close (e.g. a robot leaving Wi-Fi range).
     */
    public static final Duration SERVER_SILENCE_TIMEOUT = Duration.ofSeconds(35);
    /** How long {@code close()} waits for the server's close frame before dropping the connection. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    /** Messages waiting to be written before {@code send} fails fast (a stalled connection). */
    public static final int MAX_PENDING_SENDS = 1024;
    /**
     * Largest incoming message in characters; larger ones are dropped with a log line. PROTOCOL.md 1
     * caps messages at 262,144 bytes of UTF-8, which is at most that many characters.
     */
    public static final int MAX_MESSAGE_CHARS = 262_144;

    private SignalingDefaults() {
    }
}
