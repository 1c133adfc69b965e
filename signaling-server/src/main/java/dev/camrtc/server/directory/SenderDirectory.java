package dev.camrtc.server.directory;

import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.SenderInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live senders and their descriptions (PROTOCOL.md 3.2), in order of arrival. Not thread-safe:
 * {@link DirectoryFeed} guards it, so that directory changes and the messages about them stay in order.
 */
final class SenderDirectory {

    private final Map<String, SenderInfo> senders = new LinkedHashMap<>();

    SenderInfo add(String senderId, String name) {
        SenderInfo info = new SenderInfo(senderId, name, null, null);
        senders.put(senderId, info);
        return info;
    }

    /**
     * Applies an {@code announce}: each field it carries replaces the old value, omitted fields keep
     * theirs, an empty {@code mjpeg_url} removes it. Null when the sender is not in the directory.
     */
    SenderInfo announce(String senderId, Announce announce) {
        SenderInfo old = senders.get(senderId);
        if (old == null) {
            return null;
        }
        String mjpeg = announce.mjpegUrl() == null ? old.mjpegUrl()
                : announce.mjpegUrl().isEmpty() ? null : announce.mjpegUrl();
        SenderInfo updated = new SenderInfo(senderId,
                announce.name() == null ? old.name() : announce.name(),
                announce.streams() == null ? old.streams() : announce.streams(),
                mjpeg);
        senders.put(senderId, updated);
        return updated;
    }

    /** Adds or replaces an entry as it is (a sender of another instance). */
    void put(SenderInfo info) {
        senders.put(info.senderId(), info);
    }

    boolean remove(String senderId) {
        return senders.remove(senderId) != null;
    }

    SenderInfo get(String senderId) {
        return senders.get(senderId);
    }

    List<SenderInfo> all() {
        return new ArrayList<>(senders.values());
    }

    int size() {
        return senders.size();
    }
}
