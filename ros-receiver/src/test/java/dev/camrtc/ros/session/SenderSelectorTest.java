package dev.camrtc.ros.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.StreamDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderSelectorTest {
    private static final List<StreamDescription> STREAMS = List.of(new StreamDescription("color", 640, 480, 30, "bgr8"),
            new StreamDescription("infrared", 640, 480, 30, "mono8"));
    private static final SenderInfo LAB = new SenderInfo("s-1", "lab-cam", STREAMS, null);
    private static final SenderInfo ARM = new SenderInfo("s-2", "arm-cam", STREAMS, "http://10.0.0.5:8000/");
    private static final SenderInfo SILENT = new SenderInfo("s-3", "new-cam", null, null);

    @Test
    void theOnlySenderOnlineIsChosenWhenNothingIsGiven() {
        SenderSelector any = new SenderSelector(SenderChoice.any());
        assertEquals(new SenderSelector.Chosen(LAB), any.select(List.of(LAB)));
        SenderSelector.Waiting none = assertInstanceOf(SenderSelector.Waiting.class, any.select(List.of()));
        assertTrue(none.reason().startsWith("no sender online"), none.reason());
    }

    @Test
    void severalSendersAndNoChoiceAreListed() {
        SenderSelector.Ambiguous a = assertInstanceOf(SenderSelector.Ambiguous.class,
                new SenderSelector(SenderChoice.any()).select(List.of(LAB, ARM)));
        assertEquals(List.of(LAB, ARM), a.candidates());
        assertEquals("  s-1  lab-cam  color 640x480@30, infrared 640x480@30\n"
                + "  s-2  arm-cam  color 640x480@30, infrared 640x480@30", a.listing());
    }

    @Test
    void byIdAndByNamePickAmongSeveral() {
        assertEquals(new SenderSelector.Chosen(ARM), new SenderSelector(SenderChoice.byId("s-2")).select(List.of(LAB, ARM)));
        assertEquals(new SenderSelector.Chosen(LAB),
                new SenderSelector(SenderChoice.byName("lab-cam")).select(List.of(LAB, ARM)));
    }

    @Test
    void aNamedSenderThatIsNotOnlineIsWaitedFor() {
        SenderSelector.Waiting w = assertInstanceOf(SenderSelector.Waiting.class,
                new SenderSelector(SenderChoice.byName("gone")).select(List.of(LAB)));
        assertEquals("waiting for sender named 'gone' (online: s-1 'lab-cam')", w.reason());
        assertInstanceOf(SenderSelector.Waiting.class, new SenderSelector(SenderChoice.byId("s-9")).select(List.of(LAB)));
    }

    @Test
    void aSenderIsChosenOnlyOnceItAnnouncedItsStreams() {
        SenderSelector.Waiting w = assertInstanceOf(SenderSelector.Waiting.class,
                new SenderSelector(SenderChoice.byName("new-cam")).select(List.of(LAB, SILENT)));
        assertEquals("sender s-3 'new-cam' has not announced its streams yet", w.reason());
    }

    @Test
    void twoSendersWithTheSameNameAreAmbiguous() {
        SenderInfo twin = new SenderInfo("s-4", "lab-cam", STREAMS, null);
        SenderSelector.Ambiguous a = assertInstanceOf(SenderSelector.Ambiguous.class,
                new SenderSelector(SenderChoice.byName("lab-cam")).select(List.of(LAB, ARM, twin)));
        assertEquals(List.of(LAB, twin), a.candidates());
    }

    @Test
    void idAndNameTogetherOrEmptyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SenderChoice("s-1", "lab-cam"));
        assertThrows(IllegalArgumentException.class, () -> SenderChoice.byName(" "));
        assertThrows(IllegalArgumentException.class, () -> SenderChoice.byId(""));
    }
}
