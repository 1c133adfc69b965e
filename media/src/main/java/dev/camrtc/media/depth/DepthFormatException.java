package dev.camrtc.media.depth;

/**
 * An encoded depth frame that cannot be decoded: truncated, overlong, or not what the encoder writes. The
 * message says what is wrong; the output buffer may hold a partly decoded image, nothing else changed.
 */
public final class DepthFormatException extends IllegalArgumentException {
    public DepthFormatException(String message) {
        super(message);
    }
}
