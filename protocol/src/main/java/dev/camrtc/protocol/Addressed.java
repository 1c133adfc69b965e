package dev.camrtc.protocol;

/**
 * A message the server relays between a sender and a receiver (PROTOCOL.md 3.3-3.6). A peer addresses it
 * with the other side's id ({@code sender_id} from a receiver, {@code receiver_id} from a sender); the
 * server swaps the addressing field when relaying. Both fields are nullable; usually exactly one is set.
 */
public sealed interface Addressed extends Message
        permits RequestOffer, Offer, Answer, Candidate, Hangup, Control, ControlResult {

    String senderId();

    String receiverId();

    /** The id carried by the field that {@code from} addresses with ({@code sender_id} for a receiver). */
    default String peerId(Role from) {
        return from == Role.SENDER ? receiverId() : senderId();
    }
}
