package dev.camrtc.protocol.client;

/**
 * Joins the parts of a fragmented text message (the JDK delivers a WebSocket message in as many parts as it
 * likes). A message longer than the limit is dropped whole. Not thread-safe: the JDK calls one listener
 * method at a time.
 */
final class TextAssembler {

    private final int maxChars;
    private final StringBuilder partial = new StringBuilder();
    private boolean oversized;

    TextAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Adds one part.
     *
     * @return the whole message after its last part, {@link #TOO_LONG} after the last part of a message over
     *         the limit, null while parts are missing
     */
    String add(CharSequence data, boolean last) {
        if (!oversized && partial.length() + data.length() > maxChars) {
            oversized = true;
            partial.setLength(0);
        }
        if (!oversized) {
            partial.append(data);
        }
        if (!last) {
            return null;
        }
        String result = oversized ? TOO_LONG : partial.toString();
        partial.setLength(0);
        oversized = false;
        return result;
    }

    /** Returned (by identity) for a dropped message over the limit. */
    static final String TOO_LONG = new String("<too long>");
}
