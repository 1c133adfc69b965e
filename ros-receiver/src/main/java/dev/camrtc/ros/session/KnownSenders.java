package dev.camrtc.ros.session;

import dev.camrtc.protocol.SenderInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The senders the server announced on the current connection (PROTOCOL.md 3.2, insert-or-update, in
 * order of arrival), and which one to receive. Once a sender was chosen by name or as the only one
 * online, its name is followed: a restarted sender gets a new id but keeps its name. Not thread-safe
 * (the session's thread only).
 */
final class KnownSenders {
    private final SenderSelector selector;
    private final Map<String, SenderInfo> senders = new LinkedHashMap<>();
    private String followName;

    KnownSenders(SenderChoice choice) {
        this.selector = new SenderSelector(choice);
    }

    SenderChoice choice() {
        return selector.choice();
    }

    /** True when the choice needs the whole directory first (no id or name given and none followed yet). */
    boolean needsWholeDirectory() {
        return selector.choice().isAny() && followName == null;
    }

    void clear() {
        senders.clear();
    }

    /** Inserts or updates; returns the previous entry of that id, or null. */
    SenderInfo put(SenderInfo s) {
        return senders.put(s.senderId(), s);
    }

    boolean contains(String senderId) {
        return senders.containsKey(senderId);
    }

    /** True when a sender of another id may stand in for one chosen before: chosen by name (or as the only one). */
    boolean follows(SenderInfo s) {
        return followName != null && followName.equals(s.name());
    }

    void remove(String senderId) {
        senders.remove(senderId);
    }

    /** The selection now; after a sender was chosen, the newest sender of its name wins over ambiguity. */
    SenderSelector.Selection select() {
        SenderSelector sel = followName != null ? new SenderSelector(SenderChoice.byName(followName)) : selector;
        SenderSelector.Selection s = sel.select(senders.values());
        if (s instanceof SenderSelector.Ambiguous a && followName != null) {
            // the followed sender came back while its old connection lingers: take the newest
            return new SenderSelector.Chosen(a.candidates().get(a.candidates().size() - 1));
        }
        return s;
    }

    /** Records the chosen sender: its name is followed from now on unless the choice is an id. */
    void chosen(SenderInfo s) {
        if (selector.choice().senderId() == null && s.name() != null) {
            followName = s.name();
        }
    }
}
