package dev.camrtc.ros.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The receiver's state, logged once per change (never once per retry). */
public final class SessionState {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverSession.class);

    /** What the receiver is doing. */
    public enum Phase {
        CONNECTING_SIGNALING, WAITING_FOR_SENDER, REQUESTING_OFFER, CONNECTING_PEER, STREAMING, FALLBACK, CLOSED
    }

    private volatile Phase phase = Phase.CONNECTING_SIGNALING;
    private String lastLine = "";

    public Phase phase() {
        return phase;
    }

    /** Moves to {@code next}; logs {@code detail} at INFO when phase or detail changed. */
    synchronized void set(String label, Phase next, String detail) {
        phase = next;
        String line = next + ": " + detail;
        if (!line.equals(lastLine)) {
            lastLine = line;
            LOG.info("{}: {}", label, detail);
        }
    }

    /** As {@link #set} at WARN, for failures. */
    synchronized void warn(String label, Phase next, String detail) {
        phase = next;
        String line = next + ": " + detail;
        if (!line.equals(lastLine)) {
            lastLine = line;
            LOG.warn("{}: {}", label, detail);
        }
    }
}
