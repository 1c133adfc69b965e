package dev.camrtc.sender.cli;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.VideoCodec;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.program.tls.TlsFiles;
import dev.camrtc.sender.camera.sources.CameraSources;
import dev.camrtc.sender.camera.SourceOptions;
import dev.camrtc.sender.camera.StreamProfile;
import dev.camrtc.sender.http.HttpConfig;
import dev.camrtc.sender.settings.SenderSettings;
import dev.camrtc.sender.sfu.SfuSettings;
import dev.camrtc.sender.webrtc.SessionLimits;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sender's validated settings, built from {@link SenderOptions} before anything is opened; as
 * {@link SenderSettings} it hands each feature its own settings record.
 *
 * @param source          the {@code --source} spec (opened by {@code CameraSources.open})
 * @param sourceOptions   camera settings (profiles, serial, always-on, depth colorizing)
 * @param server          signaling server base URL (ws/wss), without the {@code /ws/sender} path
 * @param name            display name, empty = the server's default
 * @param token           access token, empty = none
 * @param codec           preferred codec name, upper case, one of {@link #CODECS}
 * @param maxBitrateBps   highest bitrate per stream and receiver
 * @param minBitrateBps   lowest bitrate per stream and receiver, 0 = none
 * @param trickle         send candidates as they are gathered instead of waiting for all
 * @param sessionLimits   {@code --max-sessions} and {@code --answer-timeout}
 * @param mjpegPort       MJPEG HTTP port, 0 = disabled
 * @param mjpegBind       MJPEG listen address
 * @param jpegQuality     JPEG quality of the MJPEG streams
 * @param mjpegUrl        the {@code mjpeg_url} to announce, empty when MJPEG is disabled
 * @param depthCodec      how {@code depth_z16} frames are encoded on their data channel ({@code --depth-codec})
 * @param tls             certificate and key of the HTTP port ({@code --tls-cert}, {@code --tls-key}); empty = plain http
 * @param allowedOrigins  {@code --allowed-origin}: origins whose pages may use WHEP and {@code /set} ("*" = any)
 * @param sfuSettings     {@code --sfu} and {@code --sfu-after}; empty = every receiver peer-to-peer
 */
public record SenderConfig(
        String source, SourceOptions sourceOptions, URI server, Optional<String> name, Optional<String> token, String codec,
        int maxBitrateBps, int minBitrateBps, boolean trickle, SessionLimits sessionLimits,
        int mjpegPort, String mjpegBind, int jpegQuality, Optional<URI> mjpegUrl, DepthCodec depthCodec,
        Optional<TlsFiles> tls, List<String> allowedOrigins, Optional<SfuSettings> sfuSettings) implements SenderSettings {

    /** {@code --allowed-origin}: "*" or scheme://host[:port] without a path. */
    static List<String> allowedOrigins(List<String> given) {
        List<String> out = new java.util.ArrayList<>();
        for (String o : given == null ? List.<String>of() : given) {
            String t = o.trim();
            require(t.equals("*") || t.matches("(?i)https?://[^/?#\\s]+/?"), "--allowed-origin '" + o
                    + "' must be * or an origin such as https://ops.example.org or http://10.0.0.5:8080");
            out.add(t);
        }
        return List.copyOf(out);
    }

    /** Codecs the sender can prefer. */
    public static final List<String> CODECS = Arrays.stream(VideoCodec.values()).map(Enum::name).toList();

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Checks every option; throws {@link IllegalArgumentException} with one line naming the flag and the fix.
     * Opens nothing.
     */
    public static SenderConfig from(SenderOptions o) {
        require(o.source != null && !o.source.isBlank(), "--source is empty: use " + CameraSources.VALID_FORMS);
        SourceOptions sourceOptions = new SourceOptions(o.serial, profile("--color-profile", o.colorProfile),
                profile("--infra-profile", o.infraProfile), profile("--depth-profile", o.depthProfile),
                o.enableInfra2, o.enableDepth, o.alwaysOn, o.depthNear, o.depthFar,
                SourceOptions.DEFAULT_RECONNECT_MILLIS, true, o.name == null ? "sender" : o.name, o.alignDepth,
                RosFlags.from(o));
        require(o.depthNear >= 0 && o.depthNear < o.depthFar,
                "--depth-near " + o.depthNear + " must be at least 0 and below --depth-far " + o.depthFar);
        require(o.jpegQuality >= 1 && o.jpegQuality <= 100, "--jpeg-quality " + o.jpegQuality + " is out of range 1..100");
        URI server = parseServer(o.server);
        Optional<String> name = Optional.ofNullable(o.name);
        name.ifPresent(n -> require(NAME.matcher(n).matches(),
                "--name '" + n + "' is invalid: use 1..64 of A-Z a-z 0-9 - _ ."));
        Optional<String> token = Optional.ofNullable(o.token).filter(t -> !t.isEmpty());
        String codec = o.codec.toUpperCase(Locale.ROOT);
        require(CODECS.contains(codec), "--codec '" + o.codec + "' is not one of " + String.join(", ", CODECS));
        require(o.maxBitrateKbps >= 100 && o.maxBitrateKbps <= 100_000,
                "--max-bitrate " + o.maxBitrateKbps + " is out of range 100..100000 kbit/s");
        require(o.minBitrateKbps >= 0 && o.minBitrateKbps <= o.maxBitrateKbps,
                "--min-bitrate " + o.minBitrateKbps + " must be between 0 and --max-bitrate (" + o.maxBitrateKbps + ")");
        require(o.maxSessions >= 1 && o.maxSessions <= 1000, "--max-sessions " + o.maxSessions + " is out of range 1..1000");
        require(o.answerTimeoutSeconds >= 1 && o.answerTimeoutSeconds <= 3600,
                "--answer-timeout " + o.answerTimeoutSeconds + " is out of range 1..3600 s");
        SessionLimits limits = new SessionLimits(o.maxSessions, Duration.ofSeconds(o.answerTimeoutSeconds));
        require(o.mjpegPort >= 0 && o.mjpegPort <= 65535, "--mjpeg-port " + o.mjpegPort + " is out of range 0..65535");
        require(isAddress(o.mjpegBind), "--mjpeg-bind '" + o.mjpegBind + "' is not an IP address or host name");
        Optional<TlsFiles> tls = TlsFiles.fromOptions(o.tlsCert, o.tlsKey);
        Optional<URI> mjpegUrl = Optional.empty();
        if (o.mjpegPort != 0) {
            mjpegUrl = Optional.of(o.mjpegUrl != null ? parseHttp(o.mjpegUrl)
                    : HostAddress.mjpegUrl(tls.isPresent(), o.mjpegBind, o.mjpegPort));
        } else {
            require(o.mjpegUrl == null, "--mjpeg-url needs the MJPEG server: it is disabled by --mjpeg-port 0");
            require(tls.isEmpty(), "--tls-cert needs the HTTP server: it is disabled by --mjpeg-port 0");
        }
        String depthCodec = o.depthCodec == null ? "" : o.depthCodec.toLowerCase(Locale.ROOT);
        require(depthCodec.equals("raw") || depthCodec.equals("rvl"), "--depth-codec '" + o.depthCodec
                + "' is not one of raw, rvl");
        require(o.sfuAfter >= 0 && o.sfuAfter <= 1000, "--sfu-after " + o.sfuAfter + " is out of range 0..1000");
        require(o.sfu != null || o.sfuAfter == SfuSettings.DEFAULT_AFTER, "--sfu-after needs --sfu");
        Optional<SfuSettings> sfu = o.sfu == null || o.sfu.isBlank() ? Optional.empty()
                : Optional.of(SfuSettings.parse(o.sfu, o.sfuAfter));
        return new SenderConfig(o.source.trim(), sourceOptions, server, name, token, codec, o.maxBitrateKbps * 1000,
                o.minBitrateKbps * 1000, o.trickle, limits, o.mjpegPort, o.mjpegBind, o.jpegQuality, mjpegUrl,
                depthCodec.equals("raw") ? DepthCodec.RAW : DepthCodec.RVL, tls, allowedOrigins(o.allowedOrigins), sfu);
    }

    /**
     * Parses command-line arguments into a validated config (e.g. for a sender started inside a test:
     * {@code SenderConfig.parse("--server", "ws://127.0.0.1:" + port, "--name", "cam", "--mjpeg-port", "0")}).
     *
     * @throws IllegalArgumentException with one line naming the bad flag
     */
    public static SenderConfig parse(String... args) {
        SenderOptions options = new SenderOptions();
        try {
            new picocli.CommandLine(options).parseArgs(args);
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return from(options);
    }

    @Override
    public Optional<SfuSettings> sfu() {
        return sfuSettings;
    }

    /** The HTTP server's settings, empty when {@code --mjpeg-port 0} disables it. */
    @Override
    public Optional<HttpConfig> http() {
        return mjpegPort == 0 ? Optional.empty()
                : Optional.of(HttpConfig.of(name.orElse("sender"), mjpegBind, mjpegPort, token).withQuality(jpegQuality).withTls(tls)
                        .withAllowedOrigins(allowedOrigins));
    }

    @Override
    public SignalingOptions signaling() {
        return SignalingOptions.sender(server, name.orElse(null), token.orElse(null));
    }

    @Override
    public PeerSettings peerSettings() {
        return PeerSettings.defaults()
                .withCodec(VideoCodec.parse(codec))
                .withBitrates(minBitrateBps, maxBitrateBps)
                .withTrickle(trickle);
    }

    /** The sender endpoint: {@code <server>/ws/sender} (query parameters are added by the signaling client). */
    public URI senderEndpoint() {
        String base = server.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ws/sender");
    }

    private static StreamProfile profile(String flag, String text) {
        try {
            StreamProfile p = StreamProfile.parse(text);
            require(p.width() > 0 && p.height() > 0 && p.fps() > 0, flag + " '" + text + "' needs positive numbers");
            return p;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " '" + text + "' is not WIDTHxHEIGHTxFPS (e.g. 640x480x30)");
        }
    }

    private static URI parseServer(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server '" + text + "' is not a URL (example: ws://127.0.0.1:8080)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        require(scheme.equals("ws") || scheme.equals("wss"),
                "--server '" + text + "' must start with ws:// or wss:// (example: ws://127.0.0.1:8080)");
        require(uri.getHost() != null, "--server '" + text + "' has no host (example: ws://127.0.0.1:8080)");
        require(uri.getRawQuery() == null && uri.getRawFragment() == null,
                "--server '" + text + "' must not carry a query or fragment (use --name and --token)");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/ws/sender")) {
            path = path.substring(0, path.length() - "/ws/sender".length());
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server '" + text + "' is not a URL (example: ws://127.0.0.1:8080)");
        }
    }

    private static URI parseHttp(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
                    "--mjpeg-url '" + text + "' must be an http:// or https:// URL with a host");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--mjpeg-url '" + text + "' is not a URL (example: http://10.0.0.5:8000/)");
        }
    }

    private static boolean isAddress(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
