package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A STUN/TURN server in the browser's {@code RTCIceServer} form (PROTOCOL.md 3.1):
 * {@code {"urls":["turn:turn.example.org:3478"],"username":"...","credential":"..."}}.
 * A single string {@code urls} is accepted on decode and becomes a one-element list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> urls,
        String username,
        String credential) {

    public IceServer {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public IceServer(String url) {
        this(List.of(url), null, null);
    }
}
