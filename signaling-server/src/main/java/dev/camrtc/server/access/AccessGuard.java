package dev.camrtc.server.access;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional access token (PROTOCOL.md 1): accepted as query parameter {@code token} or header
 * {@code Authorization: Bearer <token>}. Guards WebSocket upgrades, {@code /api/*} and {@code /metrics};
 * {@code /}, the viewer's files and {@code /healthz} stay open. Compared in constant time.
 */
public final class AccessGuard {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    /** @param token null = no token configured, everything is open */
    public AccessGuard(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isOpen() {
        return token == null;
    }

    /** True when the request carries the token (or none is configured). */
    public boolean allows(String queryToken, String authorization) {
        if (token == null) {
            return true;
        }
        if (queryToken != null && matches(queryToken)) {
            return true;
        }
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && matches(authorization.substring(BEARER.length()).trim());
    }

    public boolean allows(Context ctx) {
        return allows(ctx.queryParam("token"), ctx.header("Authorization"));
    }

    /** For HTTP before-handlers: answers 401 unless the request carries the token. */
    public void require(Context ctx) {
        if (!allows(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("a valid access token is required (?token= or Authorization: Bearer)");
        }
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
