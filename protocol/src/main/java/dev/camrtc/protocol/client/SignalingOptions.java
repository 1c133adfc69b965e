package dev.camrtc.protocol.client;

import dev.camrtc.protocol.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Where and how a peer connects to the signaling server.
 *
 * @param server         {@code ws://host:port}, {@code wss://host:port} ({@code http}/{@code https} are taken as
 *                       {@code ws}/{@code wss}); a path, if any, is kept in front of {@code /ws/<role>}
 * @param role           the endpoint to connect to
 * @param name           the sender's display name (senders only), or null for the server's default
 * @param token          the server's access token, or null
 * @param sslContext     trust for {@code wss} (e.g. a self-signed test certificate), or null for the JDK default
 * @param connectTimeout time to open the WebSocket and receive {@code registered}
 */
public record SignalingOptions(URI server, Role role, String name, String token, SSLContext sslContext,
        Duration connectTimeout) {

    /** PROTOCOL.md 1: 1..64 ASCII letters, digits, '-', '_', '.'. */
    public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public SignalingOptions {
        if (server == null || role == null) {
            throw new IllegalArgumentException("signaling server address and role are required");
        }
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.matches("wss?|https?") || server.getHost() == null) {
            throw new IllegalArgumentException("signaling server address '" + server
                    + "' must look like ws://host:port or wss://host:port");
        }
        if (name != null && role != Role.SENDER) {
            throw new IllegalArgumentException("only a sender has a name");
        }
        if (name != null && !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("sender name '" + name
                    + "' is not valid: use 1..64 ASCII letters, digits, '-', '_' or '.'");
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
        connectTimeout = connectTimeout == null ? SignalingDefaults.CONNECT_TIMEOUT : connectTimeout;
    }

    public static SignalingOptions sender(URI server, String name, String token) {
        return new SignalingOptions(server, Role.SENDER, name, token, null, null);
    }

    public static SignalingOptions receiver(URI server, String token) {
        return new SignalingOptions(server, Role.RECEIVER, null, token, null, null);
    }

    public SignalingOptions withSslContext(SSLContext context) {
        return new SignalingOptions(server, role, name, token, context, connectTimeout);
    }

    public SignalingOptions withConnectTimeout(Duration timeout) {
        return new SignalingOptions(server, role, name, token, sslContext, timeout);
    }

    /** The WebSocket URI, e.g. {@code ws://host:8080/ws/sender?name=d435&token=...}. */
    public URI endpoint() {
        return URI.create(endpointWithoutToken() + (token == null ? "" : (name == null ? "?" : "&")
                + "token=" + encode(token)));
    }

    /** The WebSocket URI with the token left out, for logs. */
    public String endpointWithoutToken() {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        String wsScheme = scheme.equals("https") || scheme.equals("wss") ? "wss" : "ws";
        String path = server.getRawPath() == null ? "" : server.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = server.getRawAuthority();
        return wsScheme + "://" + authority + path + role.path() + (name == null ? "" : "?name=" + encode(name));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
