package dev.camrtc.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens a server knows and what each grants; immutable (a reload builds a new table). Tokens are
 * kept and looked up by their SHA-256 only, so a lookup does not compare secrets character by character.
 * Only {@link #empty()} is open ("no token configured": every request is allowed everything); a table
 * built from tokens, even none (an empty tokens file), lets nobody in without a known token.
 */
public final class TokenTable {

    private final Map<String, Grant> byDigest;
    private final boolean open;

    private TokenTable(Map<String, Grant> byDigest, boolean open) {
        this.byDigest = Map.copyOf(byDigest);
        this.open = open;
    }

    public static TokenTable empty() {
        return new TokenTable(Map.of(), true);
    }

    /** Builds a table from secrets and grants; a secret given twice is an error. */
    public static TokenTable of(Map<String, Grant> bySecret) {
        Map<String, Grant> table = new LinkedHashMap<>();
        for (Map.Entry<String, Grant> e : bySecret.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("a token must not be empty");
            }
            if (table.put(digest(e.getKey()), e.getValue()) != null) {
                throw new IllegalArgumentException("token of '" + e.getValue().label() + "' is listed twice");
            }
        }
        return new TokenTable(table, false);
    }

    /** A table with every entry of this one plus {@code other}'s (other's win on a clash). */
    public TokenTable plus(TokenTable other) {
        Map<String, Grant> merged = new LinkedHashMap<>(byDigest);
        merged.putAll(other.byDigest);
        return new TokenTable(merged, open && other.open);
    }

    public boolean isOpen() {
        return open;
    }

    /** The key under which a peer's token is remembered, or null for an unknown (or absent) token. */
    public String keyOf(String secret) {
        if (secret == null) {
            return null;
        }
        String key = digest(secret);
        return byDigest.containsKey(key) ? key : null;
    }

    /** What the token with this key grants now; null when it is not (or no longer) in the table. */
    public Grant grant(String key) {
        if (isOpen()) {
            return Grant.all("open");
        }
        return key == null ? null : byDigest.get(key);
    }

    /**
     * True when {@code grant} may publish under {@code name}: it has {@code publish}, and either one of its
     * own globs matches the name, or it has no globs and no other token's glob matches the name.
     */
    public boolean mayPublishAs(Grant grant, String name) {
        if (grant == null || !grant.publish()) {
            return false;
        }
        if (!grant.names().isEmpty()) {
            return grant.holds(name);
        }
        for (Grant other : byDigest.values()) {
            if (other != grant && other.holds(name)) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return byDigest.size();
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
