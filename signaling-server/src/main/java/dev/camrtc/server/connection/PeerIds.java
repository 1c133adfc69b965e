package dev.camrtc.server.connection;

import dev.camrtc.protocol.Role;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues {@code sender_id} / {@code receiver_id} values (PROTOCOL.md 2): {@code s-} or {@code r-}, a
 * sequence number in hex and 4 random hex digits. The sequence makes ids unique across both roles for the
 * server's lifetime without remembering old ones (in a cluster, after the instance's prefix); the random tail makes them hard to guess.
 */
public final class PeerIds {

    private final AtomicLong sequence = new AtomicLong();
    private final String prefix;

    /** @param prefix the instance's part of every id ({@code ""} for a server alone; see {@code Cluster.idTag}) */
    public PeerIds(String prefix) {
        this.prefix = prefix;
    }
    private final SecureRandom random = new SecureRandom();

    public String next(Role role) {
        long n = sequence.incrementAndGet();
        return (role == Role.SENDER ? "s-" : "r-") + prefix + Long.toHexString(n) + String.format("%04x", random.nextInt(0x10000));
    }
}
