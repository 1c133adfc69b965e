package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void pathsAndFieldsFollowProtocol() {
        assertEquals("/ws/sender", Role.SENDER.path());
        assertEquals("/ws/receiver", Role.RECEIVER.path());
        assertEquals("sender_id", Role.SENDER.ownIdField());
        assertEquals("receiver_id", Role.SENDER.addressField());
        assertEquals("receiver_id", Role.RECEIVER.ownIdField());
        assertEquals("sender_id", Role.RECEIVER.addressField());
        assertEquals(Role.RECEIVER, Role.SENDER.peer());
        assertEquals(Role.SENDER, Role.RECEIVER.peer());
    }
}
