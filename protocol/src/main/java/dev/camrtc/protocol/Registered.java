package dev.camrtc.protocol;

import java.util.List;

/**
 * Server to client, first message on every connection (PROTOCOL.md 3.1): the client's own id
 * ({@code senderId} for a sender, {@code receiverId} for a receiver), the protocol version and the
 * ICE servers the peers use (never null, may be empty).
 */
public record Registered(String senderId, String receiverId, int protocol, List<IceServer> iceServers)
        implements Message {

    public static final String TYPE = "registered";
    /** The protocol version this module implements. */
    public static final int PROTOCOL_VERSION = 1;

    public Registered {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    }

    public static Registered sender(String senderId, List<IceServer> iceServers) {
        return new Registered(senderId, null, PROTOCOL_VERSION, iceServers);
    }

    public static Registered receiver(String receiverId, List<IceServer> iceServers) {
        return new Registered(null, receiverId, PROTOCOL_VERSION, iceServers);
    }

    /** The id the server gave this client, whatever its role. */
    public String clientId() {
        return senderId != null ? senderId : receiverId;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
