package dev.camrtc.ros.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownSendersTest {
    private static final List<StreamDescription> STREAMS = List.of(new StreamDescription("color", 640, 480, 30, "bgr8"));

    private static SenderInfo sender(String id, String name) {
        return new SenderInfo(id, name, STREAMS, null);
    }

    @Test
    void theOnlySenderIsThenFollowedByNameAcrossRestarts() {
        KnownSenders d = new KnownSenders(SenderChoice.any());
        assertTrue(d.needsWholeDirectory());
        d.put(sender("s-1", "lab-cam"));
        SenderInfo first = assertInstanceOf(SenderSelector.Chosen.class, d.select()).sender();
        d.chosen(first);
        assertFalse(d.needsWholeDirectory(), "a followed name needs no settling");
        d.remove("s-1");
        d.put(sender("s-2", "arm-cam"));
        assertInstanceOf(SenderSelector.Waiting.class, d.select(), "another sender is not taken");
        d.put(sender("s-3", "lab-cam"));
        assertEquals(sender("s-3", "lab-cam"), assertInstanceOf(SenderSelector.Chosen.class, d.select()).sender());
    }

    @Test
    void aFollowedSenderWhoseOldConnectionLingersIsTakenNewestFirst() {
        KnownSenders d = new KnownSenders(SenderChoice.byName("lab-cam"));
        d.put(sender("s-1", "lab-cam"));
        d.chosen(sender("s-1", "lab-cam"));
        d.put(sender("s-2", "lab-cam")); // restarted before the server dropped the old connection
        assertEquals("s-2", assertInstanceOf(SenderSelector.Chosen.class, d.select()).sender().senderId());
    }

    @Test
    void twoOfTheSameNameBeforeAnyChoiceAreAmbiguousAndAnIdIsNeverFollowedByName() {
        KnownSenders byName = new KnownSenders(SenderChoice.byName("lab-cam"));
        byName.put(sender("s-1", "lab-cam"));
        byName.put(sender("s-2", "lab-cam"));
        assertInstanceOf(SenderSelector.Ambiguous.class, byName.select());

        KnownSenders byId = new KnownSenders(SenderChoice.byId("s-1"));
        byId.put(sender("s-1", "lab-cam"));
        byId.chosen(sender("s-1", "lab-cam"));
        byId.remove("s-1");
        byId.put(sender("s-2", "lab-cam"));
        assertInstanceOf(SenderSelector.Waiting.class, byId.select(), "--sender-id waits for that id only");
        byId.clear();
        assertNull(byId.put(sender("s-1", "lab-cam")));
    }
}
