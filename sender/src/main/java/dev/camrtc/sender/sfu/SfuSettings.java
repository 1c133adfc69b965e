package dev.camrtc.sender.sfu;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code --sfu} and {@code --sfu-after}: which Janus the sender publishes into and who goes through it. The
 * defaults live here.
 *
 * @param janus        Janus's HTTP API, e.g. {@code http://127.0.0.1:8088/janus} (from {@code janus:URL})
 * @param after        the first this many receivers (peer-to-peer sessions open) stay peer-to-peer (default 0)
 * @param maxReceivers receivers through Janus at once, at most; more are served peer-to-peer (default
 *                     {@value #DEFAULT_MAX_RECEIVERS})
 * @param retry        how often an unreachable or lost Janus is tried again (default 2 s)
 * @param idleUnpublish the sender stops publishing this long after its last receiver through Janus left, so an
 *                     unwatched camera stops capturing (default 10 s)
 * @param limits       the client's timeouts and sizes
 */
public record SfuSettings(URI janus, int after, int maxReceivers, Duration retry, Duration idleUnpublish,
                          JanusLimits limits) {

    public static final int DEFAULT_AFTER = 0;
    public static final int DEFAULT_MAX_RECEIVERS = 100;
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_IDLE_UNPUBLISH = Duration.ofSeconds(10);
    /** How {@code --sfu} is written. */
    public static final String FORM = "janus:http://HOST:PORT/janus";

    public SfuSettings {
        Objects.requireNonNull(janus, "janus");
        if (after < 0) {
            throw new IllegalArgumentException("--sfu-after " + after + " must be 0 or more");
        }
    }

    /** {@code --sfu SPEC} with the other settings at their defaults. */
    public static SfuSettings parse(String spec, int after) {
        String s = spec == null ? "" : spec.trim();
        if (!s.toLowerCase(Locale.ROOT).startsWith("janus:")) {
            throw new IllegalArgumentException("--sfu '" + spec + "' is not " + FORM);
        }
        URI uri;
        try {
            uri = new URI(s.substring("janus:".length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--sfu '" + spec + "' is not " + FORM);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--sfu '" + spec + "' must name Janus's HTTP API: " + FORM
                    + " (the WebSocket API is not supported)");
        }
        String text = uri.toString();
        return new SfuSettings(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), after,
                DEFAULT_MAX_RECEIVERS, DEFAULT_RETRY, DEFAULT_IDLE_UNPUBLISH, JanusLimits.defaults());
    }

    public SfuSettings withTimings(Duration retry, Duration idleUnpublish, JanusLimits limits) {
        return new SfuSettings(janus, after, maxReceivers, retry, idleUnpublish, limits);
    }
}
