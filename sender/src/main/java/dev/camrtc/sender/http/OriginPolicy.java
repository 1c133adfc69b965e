package dev.camrtc.sender.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides whether a browser request that can change something (today {@code /set})
 * may come from the page that sent it (PROTOCOL.md section 5): no web page may change a camera through a
 * visitor's browser. A request is refused with 403 when the browser marks it as coming from another site
 * ({@code Sec-Fetch-Site: cross-site} or {@code same-site}) or its {@code Origin} is not the sender's own
 * (the scheme and {@code Host} the request was sent to; {@code Origin: null} included), unless that
 * {@code Origin} is in the allow-list. Requests without {@code Origin} and {@code Sec-Fetch-Site}
 * ({@code curl}, scripts, {@code <img>}-free tools) and the sender's own page are allowed.
 *
 * <p>The allow-list is the sender's {@code --allowed-origin} ({@code "*"} = any origin); it also decides
 * which pages get CORS ({@link Cors}) and may use WHEP.
 */
final class OriginPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(OriginPolicy.class);
    private static final Set<String> OTHER_SITE = Set.of("cross-site", "same-site");

    private final String senderName;
    private final Set<String> allowed;

    /** @param allowedOrigins origins allowed besides the sender's own, e.g. {@code https://ops.example.org}; "*" = any */
    OriginPolicy(String senderName, List<String> allowedOrigins) {
        this.senderName = senderName;
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** True when a page of {@code origin} may use the sender from another origin ({@code --allowed-origin}). */
    boolean allowsCrossOrigin(String origin) {
        return allowed.contains("*") || allowed.contains(normalise(origin));
    }

    /** Why the request is refused, or null when it is allowed. */
    String refusal(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && (allowed.contains("*") || allowed.contains(normalise(origin)))) {
            return null;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && OTHER_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
            return "a page of another site may not use " + ctx.path() + " (Sec-Fetch-Site: " + site.trim() + ")";
        }
        if (origin != null && !normalise(origin).equals(ownOrigin(ctx))) {
            return "a page of another origin may not use " + ctx.path() + " (Origin: " + origin + ")";
        }
        return null;
    }

    /** Javalin before-handler: lets the request through, or answers 403 with a JSON error and skips the endpoint. */
    void check(Context ctx) {
        String why = refusal(ctx);
        if (why == null) {
            return;
        }
        LOG.info("sender {}: {} {} from {} refused: {}", senderName, ctx.method(), ctx.path(), ctx.req().getRemoteAddr(), why);
        ctx.status(403).json(Map.of("error", why));
        ctx.skipRemainingHandlers();
    }

    /** The origin this request was sent to: its scheme and Host header. */
    private static String ownOrigin(Context ctx) {
        String host = ctx.header("Host");
        return host == null ? "" : normalise(ctx.scheme() + "://" + host);
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
