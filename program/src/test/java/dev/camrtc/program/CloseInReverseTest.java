package dev.camrtc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseInReverseTest {

    @Test
    void closesLastOpenedFirstAndKeepsGoingPastAFailure() {
        List<String> closed = new ArrayList<>();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(() -> closed.add("camera"));
        opened.push(() -> {
            closed.add("hub");
            throw new IllegalStateException("hub stuck");
        });
        opened.push(() -> closed.add("server"));
        CloseInReverse.closeAll(opened, "test");
        assertEquals(List.of("server", "hub", "camera"), closed);
        assertTrue(opened.isEmpty());
    }
}
