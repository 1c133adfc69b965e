package dev.camrtc.server.connection;

import dev.camrtc.protocol.Role;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections, by id and by Javalin session, with the connection cap. Thread-safe.
 */
public final class ConnectionRegistry {

    private final int maxConnections;
    private final Map<String, Peer> byId = new ConcurrentHashMap<>();
    private final Map<String, Peer> bySession = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<Role, AtomicInteger> byRole = new EnumMap<>(Role.class);

    public ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
        for (Role role : Role.values()) {
            byRole.put(role, new AtomicInteger());
        }
    }

    /** True when one more connection would still be within the cap (checked before upgrade). */
    public boolean hasRoom() {
        return total.get() < maxConnections;
    }

    /** Adds {@code peer}; false (and nothing added) when the cap is reached. */
    public boolean add(Peer peer) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return false;
        }
        byRole.get(peer.role()).incrementAndGet();
        byId.put(peer.id(), peer);
        bySession.put(peer.sessionKey(), peer);
        return true;
    }

    /** Removes {@code peer}; true when it was registered. */
    public boolean remove(Peer peer) {
        boolean removed = byId.remove(peer.id(), peer);
        bySession.remove(peer.sessionKey(), peer);
        if (removed) {
            total.decrementAndGet();
            byRole.get(peer.role()).decrementAndGet();
        }
        return removed;
    }

    /** The open connection with this id and role, or null. */
    public Peer get(String id, Role role) {
        Peer peer = id == null ? null : byId.get(id);
        return peer != null && peer.role() == role ? peer : null;
    }

    /** The peer of a Javalin session id, or null. */
    public Peer bySession(String sessionKey) {
        return bySession.get(sessionKey);
    }

    public Collection<Peer> all() {
        return byId.values();
    }

    public int count(Role role) {
        return byRole.get(role).get();
    }

    public int size() {
        return total.get();
    }

    /** Entries in the lookup maps (for tests that check nothing is left behind). */
    public int heldEntries() {
        return byId.size() + bySession.size();
    }
}
