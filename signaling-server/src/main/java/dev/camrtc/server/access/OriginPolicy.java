package dev.camrtc.server.access;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may open a WebSocket (PROTOCOL.md 1): an upgrade whose {@code Origin} is neither the
 * server's own origin nor in the allow-list ({@code --allowed-origin}, {@code *} = any) is refused. The own
 * origin is the scheme the server speaks plus the {@code Host} the request was sent to, which is where the
 * viewer page came from. Requests without {@code Origin} (non-browser peers) are not affected. Origins are
 * compared as scheme, host and port, case-insensitively, with the default port filled in.
 */
public final class OriginPolicy {

    private final boolean any;
    private final Set<String> allowed;
    private final String scheme;

    /** @param tls whether the server speaks https/wss (its own origin's scheme) */
    public OriginPolicy(List<String> allowedOrigins, boolean tls) {
        this.any = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().filter(o -> !o.equals("*")).map(OriginPolicy::normalize)
                .collect(Collectors.toUnmodifiableSet());
        this.scheme = tls ? "https" : "http";
    }

    /**
     * Checks an entry of {@code --allowed-origin}: {@code *}, {@code null} or {@code scheme://host[:port]}.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static String validate(String origin) {
        if (!origin.equals("*")) {
            normalize(origin);
        }
        return origin;
    }

    /** True when a request with this {@code Origin} header (null = none) sent to {@code host} may upgrade. */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized;
        try {
            normalized = normalize(origin);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (allowed.contains(normalized)) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            return normalized.equals(normalize(scheme + "://" + host));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    static String normalize(String origin) {
        if (origin.equals("null")) {
            return "null"; // sandboxed frames and file:// pages send the literal "null"
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            throw new IllegalArgumentException("origin '" + origin + "' is not scheme://host[:port]");
        }
        String s = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (s == null || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("origin '" + origin + "' is not scheme://host[:port]");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : s.equals("https") ? 443 : s.equals("http") ? 80 : -1;
        return s + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
