package dev.camrtc.protocol;

import java.util.List;

/**
 * Sender to receiver through the server (PROTOCOL.md 3.3): the SDP offer, the {@code mid} to stream name
 * map of its m-lines and the sender's opaque {@code sessionId} (nullable).
 */
public record Offer(String senderId, String receiverId, SessionDescription offer, List<StreamMid> streams,
        String sessionId) implements Addressed {

    public static final String TYPE = "offer";

    public Offer {
        streams = streams == null ? null : List.copyOf(streams);
    }

    /** As a sender sends it: addressed to {@code receiverId}. */
    public static Offer toReceiver(String receiverId, SessionDescription offer, List<StreamMid> streams,
            String sessionId) {
        return new Offer(null, receiverId, offer, streams, sessionId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
