package dev.camrtc.sender.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The optional access token of PROTOCOL.md section 5: when configured, every request needs it as
 * {@code ?token=} or {@code Authorization: Bearer}; others get 401 with a JSON error. Compared in
 * constant time.
 */
final class AccessToken {

    private final Optional<byte[]> token;

    AccessToken(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Javalin before-handler: lets the request through or answers 401 and skips the endpoint. */
    void check(Context ctx) {
        if (token.isEmpty() || isPreflight(ctx) || matches(ctx.queryParam("token")) || matches(bearer(ctx.header("Authorization")))) {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        ctx.status(401).json(Map.of("error", "this sender needs its access token: add ?token=... or "
                + "an Authorization: Bearer header"));
        ctx.skipRemainingHandlers();
    }

    /** A CORS preflight never carries credentials (Fetch standard); {@link Cors} answers it and nothing acts. */
    private static boolean isPreflight(Context ctx) {
        return "OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null;
    }

    private boolean matches(String given) {
        return given != null && MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
