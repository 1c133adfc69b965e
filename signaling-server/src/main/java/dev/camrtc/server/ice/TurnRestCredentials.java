package dev.camrtc.server.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials of the "TURN REST API" scheme that coturn checks with
 * {@code use-auth-secret} / {@code static-auth-secret}: username {@code <expiry>:<id>} (expiry in Unix
 * seconds), password {@code base64(HMAC-SHA1(secret, username))}.
 */
public final class TurnRestCredentials {

    /** A username/credential pair. */
    public record Credential(String username, String credential) {
    }

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    public TurnRestCredentials(String secret, Duration ttl, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Credentials for {@code id} (here: the peer's sender/receiver id), valid for the configured lifetime. */
    public Credential issue(String id) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String username = expiry + ":" + id;
        return new Credential(username, password(secret, username));
    }

    /** {@code base64(HMAC-SHA1(secret, username))}, as coturn computes it. */
    static String password(byte[] secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
        }
    }
}
