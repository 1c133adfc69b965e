package dev.camrtc.media.depth;

/**
 * Encoded depth that cannot be decoded: truncated, overlong, or not what the encoder writes. The
 * message says what is wrong; the output buffer may hold a partly decoded image, nothing else changed.
 */
public final class RvlFormatException extends IllegalArgumentException {
    public RvlFormatException(String message) {
        super(message);
    }
}
