package dev.camrtc.server.access;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The access tokens (PROTOCOL.md 1), accepted as query parameter {@code token} or header
 * {@code Authorization: Bearer <token>}. Guards WebSocket upgrades (with the permissions of
 * {@link Grant}), {@code /api/*} and {@code /metrics} (any known token); {@code /}, the viewer's files and
 * {@code /healthz} stay open. The table may be replaced at any time ({@code --tokens} file reloads); every
 * check reads the current one.
 */
public final class AccessGuard {

    private static final String BEARER = "Bearer ";

    private final TokenTable fixed;
    private final AtomicReference<TokenTable> table;

    /** @param fixed the tokens that never change ({@code --token}); empty plus no file = everything open */
    public AccessGuard(TokenTable fixed) {
        this.fixed = fixed;
        this.table = new AtomicReference<>(fixed);
    }

    /** The {@code --token} form: one token with every permission, or null for an open server. */
    public static AccessGuard single(String token) {
        return new AccessGuard(token == null ? TokenTable.empty()
                : TokenTable.of(java.util.Map.of(token, Grant.all("--token"))));
    }

    /** Installs the tokens of the file (replacing the previous file's), keeping the fixed ones. */
    public void replaceFileTokens(TokenTable fromFile) {
        table.set(fixed.plus(fromFile));
    }

    public TokenTable table() {
        return table.get();
    }

    public boolean isOpen() {
        return table.get().isOpen();
    }

    /** The token a request presents ({@code ?token=} first, then {@code Authorization: Bearer}), or null. */
    public static String presented(String queryToken, String authorization) {
        if (queryToken != null) {
            return queryToken;
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return null;
    }

    /** The key of the request's token in the current table, or null when it has none the server knows. */
    public String keyOf(String queryToken, String authorization) {
        TokenTable current = table.get();
        String key = current.keyOf(presented(queryToken, authorization));
        if (key == null && queryToken != null) { // a wrong ?token= must not hide a right Bearer header
            key = current.keyOf(presented(null, authorization));
        }
        return key;
    }

    /** What the request may do now: every permission on an open server, null for an unknown token. */
    public Grant grantOf(Context ctx) {
        TokenTable current = table.get();
        return current.isOpen() ? Grant.all("open") : current.grant(keyOf(ctx.queryParam("token"), ctx.header("Authorization")));
    }

    /** For HTTP before-handlers ({@code /api/*}, {@code /metrics}): 401 unless the request carries a known token. */
    public void require(Context ctx) {
        if (grantOf(ctx) == null) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("a valid access token is required (?token= or Authorization: Bearer)");
        }
    }
}
