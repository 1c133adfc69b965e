package dev.camrtc.sender.http;

import io.javalin.http.Context;
import java.util.Map;

/**
 * CORS for the pages of the origins in {@code --allowed-origin} (WHEP players are usually pages of another
 * origin): the request's {@code Origin} is echoed in {@code Access-Control-Allow-Origin}, and the headers a
 * WHEP player reads ({@code Location}, {@code ETag}, {@code Link}, {@code Accept-Patch}) are exposed. A preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here: 204 for an allowed origin, 403
 * for any other. The sender's own origin needs no CORS; requests without {@code Origin} are not touched.
 */
final class Cors {

    static final String METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    static final String HEADERS = "Authorization, Content-Type, If-Match";
    static final String EXPOSED = "Location, ETag, Link, Accept-Patch";
    static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private final OriginPolicy origins;

    Cors(OriginPolicy origins) {
        this.origins = origins;
    }

    /** Javalin before-handler (before the token check, so that a 401 reaches the page too). */
    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        boolean preflight = "OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null;
        if (origin == null) {
            return;
        }
        boolean allowed = origins.allowsCrossOrigin(origin);
        if (allowed) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED);
        }
        ctx.header("Vary", "Origin");
        if (!preflight) {
            return;
        }
        if (allowed) {
            ctx.header("Access-Control-Allow-Methods", METHODS);
            ctx.header("Access-Control-Allow-Headers", HEADERS);
            ctx.header("Access-Control-Max-Age", Integer.toString(PREFLIGHT_MAX_AGE_SECONDS));
            ctx.status(204);
        } else {
            ctx.status(403).json(Map.of("error", "origin " + origin + " is not allowed (--allowed-origin)"));
        }
        ctx.skipRemainingHandlers();
    }
}
