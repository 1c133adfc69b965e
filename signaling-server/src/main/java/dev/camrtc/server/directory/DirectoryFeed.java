package dev.camrtc.server.directory;

import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.server.connection.Peer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.List;
import java.util.Set;

/**
 * The sender directory and the receivers that follow it (PROTOCOL.md 3.2): a receiver gets one
 * {@code sender} per connected sender when it subscribes, then every {@code sender} / {@code sender_left}
 * as it happens. One lock orders directory changes with the messages about them, so a receiver never sees
 * a {@code sender} after the {@code sender_left} of the same sender. Sends do not block.
 *
 * <p>Updates are coalesced per sender: the first change is sent at once, further changes within
 * {@link #COALESCE} are folded into one {@code sender} sent when that interval has passed, carrying the
 * state at that moment. So a burst of announces yields at most one message per interval per sender, and
 * the last one always shows the current state.
 */
public final class DirectoryFeed {

    /** Shortest time between two {@code sender} updates about the same sender. */
    public static final Duration COALESCE = Duration.ofMillis(250);

    private final Object lock = new Object();
    private final SenderDirectory directory = new SenderDirectory();
    private final Set<Peer> receivers = new LinkedHashSet<>();
    private final Map<String, Long> lastUpdateNanos = new HashMap<>();
    private final Set<String> updatePending = new HashSet<>();
    private final BiConsumer<Runnable, Duration> scheduler;
    private volatile DirectoryShare share = DirectoryShare.NONE;

    /** @param scheduler runs a task after a delay (the flush of coalesced updates) */
    public DirectoryFeed(BiConsumer<Runnable, Duration> scheduler) {
        this.scheduler = scheduler;
    }

    /** Who is told of every change of a local sender (the cluster) (called before any peer connects). */
    public void shareWith(DirectoryShare share) {
        this.share = share;
    }

    /** A sender connected (after its {@code registered} went out). */
    public void senderJoined(Peer sender, String name) {
        synchronized (lock) {
            SenderInfo info = directory.add(sender.id(), name);
            broadcast(MessageCodec.encode(info));
            share.senderChanged(info);
        }
    }

    /** A sender announced; the updated entry goes to every receiver. */
    public void announced(Peer sender, Announce announce) {
        synchronized (lock) {
            SenderInfo updated = directory.announce(sender.id(), announce);
            if (updated == null || updatePending.contains(sender.id())) {
                return; // the pending flush will carry this change too
            }
            long now = System.nanoTime();
            Long last = lastUpdateNanos.get(sender.id());
            long wait = last == null ? 0 : COALESCE.toNanos() - (now - last);
            if (wait <= 0) {
                lastUpdateNanos.put(sender.id(), now);
                broadcast(MessageCodec.encode(updated));
                share.senderChanged(updated);
            } else {
                updatePending.add(sender.id());
                scheduler.accept(() -> flush(sender.id()), Duration.ofNanos(wait));
            }
        }
    }

    /** Sends the coalesced update of a sender: its state now, unless it left meanwhile. */
    private void flush(String senderId) {
        synchronized (lock) {
            if (!updatePending.remove(senderId)) {
                return;
            }
            SenderInfo info = directory.get(senderId);
            if (info != null) {
                lastUpdateNanos.put(senderId, System.nanoTime());
                broadcast(MessageCodec.encode(info));
                share.senderChanged(info);
            }
        }
    }

    /** A sender's connection ended; true when it was in the directory. {@code announce} false (server shutdown) tells no receiver. */
    public boolean senderLeft(Peer sender, boolean announce) {
        synchronized (lock) {
            updatePending.remove(sender.id());
            lastUpdateNanos.remove(sender.id());
            if (!directory.remove(sender.id())) {
                return false;
            }
            if (announce) {
                broadcast(MessageCodec.encode(new SenderLeft(sender.id())));
                share.senderLeft(sender.id());
            }
            return true;
        }
    }

    /** A sender of another instance of the cluster joined or changed: every receiver here gets it. */
    public void remoteSender(SenderInfo info) {
        synchronized (lock) {
            if (info.equals(directory.get(info.senderId()))) {
                return;
            }
            directory.put(info);
            broadcast(MessageCodec.encode(info));
        }
    }

    /** A sender of another instance left (or its instance did); true when it was in the directory. */
    public boolean remoteSenderLeft(String senderId) {
        synchronized (lock) {
            if (!directory.remove(senderId)) {
                return false;
            }
            broadcast(MessageCodec.encode(new SenderLeft(senderId)));
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

    /** The sender's display name now, or null when it is not in the directory. */
    public String nameOf(String senderId) {
        synchronized (lock) {
            SenderInfo info = directory.get(senderId);
            return info == null ? null : info.name();
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
            return directory.size() + receivers.size() + lastUpdateNanos.size() + updatePending.size();
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
