package dev.camrtc.server.cluster;

import dev.camrtc.protocol.ControlResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this instance knows about the rest of the cluster: the senders of every other instance it knows to be
 * alive, and which remote receivers hold a session (or sent a {@code control}) with each local sender.
 * Thread-safe (one lock); bounded: at most {@link #MAX_REMOTE_SENDERS} remote senders and
 * {@link #MAX_SESSIONS_PER_SENDER} remote receivers per local sender.
 */
final class RemoteState {

    /** Remote senders held at most; more (a misbehaving cluster) are ignored. */
    static final int MAX_REMOTE_SENDERS = 100_000;
    /** Remote receivers remembered per local sender and kind; beyond it the oldest session is not tracked. */
    static final int MAX_SESSIONS_PER_SENDER = 4_096;

    private final Map<String, Set<String>> sendersByInstance = new HashMap<>();
    private final Map<String, Set<String>> asked = new HashMap<>();
    private final Map<String, Set<String>> controlled = new HashMap<>();
    private int remoteSenders;

    synchronized boolean knows(String tag) {
        return sendersByInstance.containsKey(tag);
    }

    synchronized List<String> instances() {
        return new ArrayList<>(sendersByInstance.keySet());
    }

    /** Marks an instance known (alive) with no senders yet; false when it was known. */
    synchronized boolean addInstance(String tag) {
        return sendersByInstance.putIfAbsent(tag, new HashSet<>()) == null;
    }

    synchronized boolean hasSender(String senderId) {
        Set<String> senders = sendersByInstance.get(Cluster.tagOf(senderId));
        return senders != null && senders.contains(senderId);
    }

    /** Records a sender of a known instance; false when its instance is unknown or the bound is reached. */
    synchronized boolean addSender(String senderId) {
        Set<String> senders = sendersByInstance.get(Cluster.tagOf(senderId));
        if (senders == null || (!senders.contains(senderId) && remoteSenders >= MAX_REMOTE_SENDERS)) {
            return false;
        }
        if (senders.add(senderId)) {
            remoteSenders++;
        }
        return true;
    }

    synchronized boolean removeSender(String senderId) {
        Set<String> senders = sendersByInstance.get(Cluster.tagOf(senderId));
        if (senders != null && senders.remove(senderId)) {
            remoteSenders--;
            return true;
        }
        return false;
    }

    synchronized Set<String> sendersOf(String tag) {
        Set<String> senders = sendersByInstance.get(tag);
        return senders == null ? Set.of() : new HashSet<>(senders);
    }

    /** Forgets an instance; returns its senders. */
    synchronized Set<String> removeInstance(String tag) {
        Set<String> senders = sendersByInstance.remove(tag);
        if (senders == null) {
            return Set.of();
        }
        remoteSenders -= senders.size();
        return senders;
    }

    /** A remote receiver sent a local sender {@code request_offer} or {@code control}. */
    synchronized void opened(String senderId, String receiverId, boolean control) {
        Set<String> set = (control ? controlled : asked).computeIfAbsent(senderId, k -> new HashSet<>());
        if (set.size() < MAX_SESSIONS_PER_SENDER) {
            set.add(receiverId);
        }
    }

    synchronized boolean holds(String senderId, String receiverId, String type) {
        Set<String> set = (ControlResult.TYPE.equals(type) ? controlled : asked).get(senderId);
        return set != null && set.contains(receiverId);
    }

    /** A remote receiver left; true when it held a session (not only a control) with the local sender. */
    synchronized boolean receiverLeft(String senderId, String receiverId) {
        remove(controlled, senderId, receiverId);
        return remove(asked, senderId, receiverId);
    }

    /** A local sender left: nothing about it is kept. */
    synchronized void localSenderLeft(String senderId) {
        asked.remove(senderId);
        controlled.remove(senderId);
    }

    /**
     * An instance is gone: forgets its receivers' sessions and returns, per local sender, the receivers of that
     * instance that held a session with it (they get {@code receiver_left}).
     */
    synchronized Map<String, List<String>> receiversOf(String tag) {
        Map<String, List<String>> left = new HashMap<>();
        for (Map<String, Set<String>> map : List.of(asked, controlled)) {
            for (Map.Entry<String, Set<String>> e : map.entrySet()) {
                for (String receiverId : List.copyOf(e.getValue())) {
                    if (tag.equals(Cluster.tagOf(receiverId))) {
                        e.getValue().remove(receiverId);
                        if (map == asked) {
                            left.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(receiverId);
                        }
                    }
                }
            }
        }
        return left;
    }

    synchronized int size() {
        int n = remoteSenders;
        for (Set<String> s : asked.values()) {
            n += s.size();
        }
        for (Set<String> s : controlled.values()) {
            n += s.size();
        }
        return n;
    }

    private static boolean remove(Map<String, Set<String>> map, String senderId, String receiverId) {
        Set<String> set = map.get(senderId);
        if (set == null || !set.remove(receiverId)) {
            return false;
        }
        if (set.isEmpty()) {
            map.remove(senderId);
        }
        return true;
    }
}
