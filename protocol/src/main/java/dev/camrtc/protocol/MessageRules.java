package dev.camrtc.protocol;

import java.util.Map;
import java.util.Set;

/**
 * Which message types exist and which role may send which (PROTOCOL.md 3.7). Server-only types
 * ({@code registered}, {@code sender}, {@code sender_left}, {@code receiver_left}, {@code error}) may be
 * sent by no client: the server answers them with {@code not_allowed}.
 */
public final class MessageRules {

    /** Every known wire type and its record. */
    public static final Map<String, Class<? extends Message>> TYPES = Map.ofEntries(
            Map.entry(Registered.TYPE, Registered.class),
            Map.entry(SenderInfo.TYPE, SenderInfo.class),
            Map.entry(Announce.TYPE, Announce.class),
            Map.entry(SenderLeft.TYPE, SenderLeft.class),
            Map.entry(ReceiverLeft.TYPE, ReceiverLeft.class),
            Map.entry(ErrorMessage.TYPE, ErrorMessage.class),
            Map.entry(RequestOffer.TYPE, RequestOffer.class),
            Map.entry(Offer.TYPE, Offer.class),
            Map.entry(Answer.TYPE, Answer.class),
            Map.entry(Candidate.TYPE, Candidate.class),
            Map.entry(Hangup.TYPE, Hangup.class),
            Map.entry(Control.TYPE, Control.class),
            Map.entry(ControlResult.TYPE, ControlResult.class));

    private static final Set<String> FROM_SENDER = Set.of(
            Announce.TYPE, Offer.TYPE, Candidate.TYPE, Hangup.TYPE, ControlResult.TYPE);
    private static final Set<String> FROM_RECEIVER = Set.of(
            RequestOffer.TYPE, Answer.TYPE, Candidate.TYPE, Hangup.TYPE, Control.TYPE);
    private static final Set<String> RELAYED = Set.of(
            RequestOffer.TYPE, Offer.TYPE, Answer.TYPE, Candidate.TYPE, Hangup.TYPE, Control.TYPE,
            ControlResult.TYPE);

    /** The values {@code control.op} may take. */
    public static final Set<String> CONTROL_OPS = Set.of(Control.OP_LIST, Control.OP_GET, Control.OP_SET);

    private MessageRules() {
    }

    public static boolean isKnownType(String type) {
        return TYPES.containsKey(type);
    }

    /** True when a client of {@code role} may send a message of {@code type} to the server. */
    public static boolean mayBeSentBy(String type, Role role) {
        return (role == Role.SENDER ? FROM_SENDER : FROM_RECEIVER).contains(type);
    }

    /** True for the types the server relays to the addressed peer (PROTOCOL.md 3.3-3.6). */
    public static boolean isRelayed(String type) {
        return RELAYED.contains(type);
    }

    /** True for types only the server builds. */
    public static boolean isServerOnly(String type) {
        return isKnownType(type) && !FROM_SENDER.contains(type) && !FROM_RECEIVER.contains(type);
    }
}
