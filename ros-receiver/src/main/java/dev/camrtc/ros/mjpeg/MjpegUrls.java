package dev.camrtc.ros.mjpeg;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The MJPEG URLs of a sender (PROTOCOL.md 5, {@code <mjpeg_url><stream>.mjpg}) built from what the directory
 * says, which any peer may have written: a {@code mjpeg_url} that is not an absolute http(s) URL with a host,
 * or a stream name that is not a plain path segment, is refused with a clear message (never an unchecked
 * parse failure). The access token is added only where {@link #sendsTokenTo} allows.
 *
 * @param token          the access token, or null
 * @param signalingHost  host of the signaling server (the token is meant for it)
 * @param tokenToAnyHost the user opted in to sending the token to MJPEG servers on other hosts
 */
record MjpegUrls(String token, String signalingHost, boolean tokenToAnyHost) {
    /** Stream names usable in a URL path as they are. */
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int SHOWN = 80;

    /**
     * The URL of {@code stream}'s MJPEG, with the token when it may go there.
     *
     * @throws IllegalArgumentException for a malformed {@code mjpeg_url} or stream name
     */
    URI streamUrl(String mjpegUrl, String stream) {
        URI u = withoutToken(mjpegUrl, stream);
        if (token == null || !sendsTokenTo(u)) {
            return u;
        }
        return URI.create(u + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The URL of {@code stream}'s MJPEG without any token (for logs). */
    static URI withoutToken(String mjpegUrl, String stream) {
        if (stream == null || !STREAM.matcher(stream).matches() || stream.equals(".") || stream.equals("..")) {
            throw new IllegalArgumentException("stream name '" + shown(stream) + "' cannot be part of a URL");
        }
        URI base;
        try {
            base = new URI(mjpegUrl);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("mjpeg_url '" + shown(mjpegUrl) + "' is not a URL");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("mjpeg_url '" + shown(mjpegUrl) + "' is not an http:// or https:// URL");
        }
        if (base.getHost() == null) {
            throw new IllegalArgumentException("mjpeg_url '" + shown(mjpegUrl) + "' has no host");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("mjpeg_url '" + shown(mjpegUrl) + "' has a query or fragment");
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        return URI.create(scheme + "://" + base.getRawAuthority() + (path.endsWith("/") ? path : path + "/")
                + stream + ".mjpg");
    }

    /** True when the token may be sent to {@code url}: the signaling server's host, or any host if opted in. */
    boolean sendsTokenTo(URI url) {
        return tokenToAnyHost || (url.getHost() != null && signalingHost != null
                && url.getHost().equalsIgnoreCase(signalingHost));
    }

    /** A peer's text made safe for one log line. */
    static String shown(String text) {
        if (text == null) {
            return "null";
        }
        String s = text.replaceAll("\\p{Cntrl}", "?");
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }
}
