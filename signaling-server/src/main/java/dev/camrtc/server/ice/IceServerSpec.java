package dev.camrtc.server.ice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camrtc.protocol.IceServer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses one {@code --ice-server} value: either comma-separated URLs of one server
 * ({@code turn:turn.lab:3478?transport=udp,turn:turn.lab:3478?transport=tcp}) or the browser's
 * {@code RTCIceServer} JSON ({@code {"urls":["turn:turn.lab:3478"],"username":"u","credential":"p"}}).
 */
public final class IceServerSpec {

    private static final Pattern URL = Pattern.compile("(stun|stuns|turn|turns):[^\\s,]+");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private IceServerSpec() {
    }

    /** @throws IllegalArgumentException with a one-line reason */
    public static IceServer parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        IceServer server;
        if (text.startsWith("{")) {
            try {
                server = JSON.readValue(text, IceServer.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("ICE server '" + text
                        + "' is not RTCIceServer JSON: " + e.getOriginalMessage());
            }
        } else {
            server = new IceServer(Arrays.stream(text.split(",")).map(String::trim).toList(), null, null);
        }
        validate(server, text);
        return server;
    }

    private static void validate(IceServer server, String text) {
        List<String> urls = server.urls();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("ICE server '" + text + "' has no URL");
        }
        for (String url : urls) {
            if (url == null || !URL.matcher(url).matches()) {
                throw new IllegalArgumentException("ICE server URL '" + url
                        + "' must start with stun:, stuns:, turn: or turns:");
            }
        }
        if ((server.username() == null) != (server.credential() == null)) {
            throw new IllegalArgumentException("ICE server '" + text + "' needs both username and credential, or neither");
        }
    }

    /** True when any URL of {@code server} is a TURN URL (which needs credentials). */
    public static boolean isTurn(IceServer server) {
        return server.urls().stream().anyMatch(u -> u.startsWith("turn:") || u.startsWith("turns:"));
    }
}
