package dev.camrtc.sender.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTableTest {

    /** Counts its closes, like a peer connection that must be closed exactly once. */
    static class Peer implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private final SessionTable<Peer> sessions = new SessionTable<>(() -> "s-test");

    @Test
    void sessionIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(ids.add(sessions.newSessionId()));
        }
        assertNotEquals(new SessionTable<Peer>(() -> "x").newSessionId(), new SessionTable<Peer>(() -> "x").newSessionId());
    }

    @Test
    void aSecondRequestReplacesAndClosesTheOldSession() {
        Peer first = new Peer();
        Peer second = new Peer();
        sessions.put("r-1", "a", first);
        sessions.put("r-1", "b", second);
        assertEquals(1, first.closes.get());
        assertEquals(0, second.closes.get());
        assertEquals(1, sessions.size());
        assertEquals("b", sessions.find("r-1", null).orElseThrow().sessionId());
    }

    @Test
    void messagesOfAReplacedSessionAreIgnored() {
        Peer first = new Peer();
        Peer second = new Peer();
        sessions.put("r-1", "a", first);
        sessions.put("r-1", "b", second);
        assertTrue(sessions.find("r-1", "a").isEmpty());
        assertFalse(sessions.close("r-1", "a", "hangup"));
        assertEquals(0, second.closes.get());
        assertTrue(sessions.find("r-1", "b").isPresent());
        assertTrue(sessions.find("r-2", null).isEmpty());
    }

    @Test
    void hangupWithOrWithoutIdClosesOnce() {
        Peer p = new Peer();
        sessions.put("r-1", "a", p);
        assertTrue(sessions.close("r-1", null, "receiver_left"));
        assertFalse(sessions.close("r-1", null, "receiver_left"));
        assertEquals(1, p.closes.get());
        Peer q = new Peer();
        sessions.put("r-2", "c", q);
        assertTrue(sessions.close("r-2", "c", "hangup"));
        assertEquals(1, q.closes.get());
        assertEquals(0, sessions.size());
    }

    @Test
    void closeAllClosesEveryPeerAndSurvivesAFailingOne() {
        Peer a = new Peer();
        Peer b = new Peer();
        sessions.put("r-1", "a", a);
        sessions.put("r-x", "x", new Peer() {
            @Override
            public void close() {
                throw new IllegalStateException("native close failed");
            }
        });
        sessions.put("r-2", "b", b);
        assertEquals(3, sessions.closeAll("shutdown").size());
        assertEquals(1, a.closes.get());
        assertEquals(1, b.closes.get());
        assertEquals(0, sessions.size());
    }

    @Test
    void orphansKeepStreamingUntilTheirPeerEndsOrShutdown() {
        Peer a = new Peer();
        Peer b = new Peer();
        sessions.put("r-1", "a", a);
        sessions.put("r-2", "b", b);
        assertEquals(2, sessions.orphanAll());
        assertEquals(0, a.closes.get());
        assertEquals(2, sessions.size());
        // a new server may hand out the same receiver id again: the orphan must not be replaced
        Peer c = new Peer();
        sessions.put("r-1", "c", c);
        assertEquals(0, a.closes.get());
        assertTrue(sessions.find("r-1", "a").isEmpty());
        assertFalse(sessions.close("r-2", null, "hangup"));
        assertTrue(sessions.closeSession("a", "ice failed"));
        assertEquals(1, a.closes.get());
        assertTrue(sessions.isOpen("c"));
        assertEquals(1, sessions.closeAll("shutdown").size());
        assertEquals(1, b.closes.get());
        assertEquals(1, c.closes.get());
    }

    @Test
    void closeSessionOfTheCurrentSessionFreesTheReceiverSlot() {
        Peer a = new Peer();
        sessions.put("r-1", "a", a);
        assertTrue(sessions.closeSession("a", "ice failed"));
        assertFalse(sessions.closeSession("a", "ice failed"));
        assertTrue(sessions.find("r-1", null).isEmpty());
        assertEquals(1, a.closes.get());
    }
}
