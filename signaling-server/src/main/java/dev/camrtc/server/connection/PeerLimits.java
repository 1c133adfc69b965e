package dev.camrtc.server.connection;

/**
 * What one connection may cost the server (PROTOCOL.md 1): messages accepted per second sustained and in a
 * burst ({@link RateLimiter}), and bytes of messages waiting to be written to it before it counts as not
 * reading. The values come from the server's configuration; the largest message size is fixed.
 */
public record PeerLimits(int rateLimit, int rateBurst, int maxQueuedBytes) {

    /** PROTOCOL.md 1: largest message, in bytes of UTF-8 text; exactly this size is allowed. Not configurable. */
    public static final int MAX_MESSAGE_BYTES = 262_144;
}
