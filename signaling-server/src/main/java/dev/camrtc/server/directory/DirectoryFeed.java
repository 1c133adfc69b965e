package dev.camrtc.server.directory;

import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.server.connection.Peer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sender directory and the receivers that follow it (PROTOCOL.md 3.2): a receiver gets one
 * {@code sender} per connected sender when it subscribes, then every {@code sender} / {@code sender_left}
 * as it happens. One lock orders directory changes with the messages about them, so a receiver never sees
 * a {@code sender} after the {@code sender_left} of the same sender. Sends do not block.
 */
public final class DirectoryFeed {

    private final Object lock = new Object();
    private final SenderDirectory directory = new SenderDirectory();
    private final Set<Peer> receivers = new LinkedHashSet<>();

    /** A sender connected (after its {@code registered} went out). */
    public void senderJoined(Peer sender, String name) {
        synchronized (lock) {
            broadcast(MessageCodec.encode(directory.add(sender.id(), name)));
        }
    }

    /** A sender announced; the updated entry goes to every receiver. */
    public void announced(Peer sender, Announce announce) {
        synchronized (lock) {
            SenderInfo updated = directory.announce(sender.id(), announce);
            if (updated != null) {
                broadcast(MessageCodec.encode(updated));
            }
        }
    }

    /** A sender's connection ended; true when it was in the directory. {@code announce} false (server shutdown) tells no receiver. */
    public boolean senderLeft(Peer sender, boolean announce) {
        synchronized (lock) {
            if (!directory.remove(sender.id())) {
                return false;
            }
            if (announce) {
                broadcast(MessageCodec.encode(new SenderLeft(sender.id())));
            }
            return true;
        }
    }

    /** A receiver connected (after its {@code registered} went out): it gets the directory, then updates. */
    public void subscribe(Peer receiver) {
        synchronized (lock) {
            receivers.add(receiver);
            for (SenderInfo info : directory.all()) {
                receiver.send(MessageCodec.encode(info));
            }
        }
    }

    public void unsubscribe(Peer receiver) {
        synchronized (lock) {
            receivers.remove(receiver);
        }
    }

    /** The directory now, in order of arrival (for {@code GET /api/senders}). */
    public List<SenderInfo> snapshot() {
        synchronized (lock) {
            return directory.all();
        }
    }

    /** The streams a sender announced (null before it announced any); null also for an unknown sender. */
    public List<dev.camrtc.protocol.StreamDescription> streamsOf(String senderId) {
        synchronized (lock) {
            SenderInfo info = directory.get(senderId);
            return info == null ? null : info.streams();
        }
    }

    /** Senders in the directory plus receivers following it (for tests that check nothing is left behind). */
    public int heldEntries() {
        synchronized (lock) {
            return directory.size() + receivers.size();
        }
    }

    /**
     * Sends to a copy of the subscriber set: a failed send may close a receiver on this very thread, and
     * its unsubscribe (the lock is reentrant) must not break the iteration.
     */
    private void broadcast(String text) {
        for (Peer receiver : List.copyOf(receivers)) {
            receiver.send(text);
        }
    }
}
