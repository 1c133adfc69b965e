package dev.camrtc.protocol;

import java.util.List;

/**
 * Receiver to sender through the server (PROTOCOL.md 3.3). {@code streams} null = all of the sender's
 * streams; never empty.
 */
public record RequestOffer(String senderId, String receiverId, List<String> streams) implements Addressed {

    public static final String TYPE = "request_offer";

    public RequestOffer {
        streams = streams == null ? null : List.copyOf(streams);
    }

    /** As a receiver sends it: addressed to {@code senderId}; {@code streams} null = all. */
    public static RequestOffer toSender(String senderId, List<String> streams) {
        return new RequestOffer(senderId, null, streams);
    }

    /** As the server delivers it to a sender: from {@code receiverId}. */
    public static RequestOffer fromReceiver(String receiverId, List<String> streams) {
        return new RequestOffer(null, receiverId, streams);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
