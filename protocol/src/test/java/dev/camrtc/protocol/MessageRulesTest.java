package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The "from" column of PROTOCOL.md 3.7 and the server-only types. */
class MessageRulesTest {

    private static Set<String> sendable(Role role) {
        return MessageRules.TYPES.keySet().stream().filter(t -> MessageRules.mayBeSentBy(t, role))
                .collect(Collectors.toSet());
    }

    @Test
    void senderSendsItsTypes() {
        assertEquals(Set.of("announce", "offer", "candidate", "hangup", "control_result"), sendable(Role.SENDER));
    }

    @Test
    void receiverSendsItsTypes() {
        assertEquals(Set.of("request_offer", "answer", "candidate", "hangup", "control"), sendable(Role.RECEIVER));
    }

    @Test
    void serverOnlyTypesAreSendableByNoClient() {
        for (String type : Set.of("registered", "sender", "sender_left", "receiver_left", "error")) {
            assertTrue(MessageRules.isServerOnly(type), type);
            assertFalse(MessageRules.mayBeSentBy(type, Role.SENDER), type);
            assertFalse(MessageRules.mayBeSentBy(type, Role.RECEIVER), type);
        }
        assertFalse(MessageRules.isServerOnly("offer"));
        assertFalse(MessageRules.isServerOnly("bogus"));
    }

    @Test
    void relayedTypesAreTheAddressedOnes() {
        for (String type : MessageRules.TYPES.keySet()) {
            assertEquals(Addressed.class.isAssignableFrom(MessageRules.TYPES.get(type)), MessageRules.isRelayed(type),
                    type);
        }
        assertFalse(MessageRules.isKnownType("bogus"));
        assertFalse(MessageRules.mayBeSentBy("bogus", Role.SENDER));
    }
}
