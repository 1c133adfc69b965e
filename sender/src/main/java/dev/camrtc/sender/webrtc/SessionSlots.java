package dev.camrtc.sender.webrtc;

import java.util.Optional;

/**
 * The sender's {@code --max-sessions}, shared by the sessions that encode on their own: peer-to-peer signaling
 * sessions and WHEP sessions (those through {@code --sfu} take none). A session takes a {@link Slot} before it is set
 * up, checked and counted in one step, and gives it back when it ends, so simultaneous requests of both kinds never
 * hold more than {@link #max()}. Thread-safe.
 */
public final class SessionSlots {

    private final int max;
    private int taken; // guarded by this

    public SessionSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max sessions must be at least 1, not " + max);
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** Slots held now. */
    public synchronized int taken() {
        return taken;
    }

    /** A slot, or empty when all {@link #max()} are taken. */
    public synchronized Optional<Slot> take() {
        if (taken >= max) {
            return Optional.empty();
        }
        taken++;
        return Optional.of(new Slot());
    }

    /** One session's place; {@link #close()} gives it back, once. */
    public final class Slot implements AutoCloseable {
        private boolean held = true; // guarded by SessionSlots.this

        @Override
        public void close() {
            synchronized (SessionSlots.this) {
                if (held) {
                    held = false;
                    taken--;
                }
            }
        }
    }
}
