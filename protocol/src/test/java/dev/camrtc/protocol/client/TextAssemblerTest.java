package dev.camrtc.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextAssemblerTest {

    @Test
    void joinsPartsUntilTheLast() {
        TextAssembler assembler = new TextAssembler(100);
        assertEquals("{}", assembler.add("{}", true));
        assertNull(assembler.add("{\"type\":", false));
        assertNull(assembler.add("\"hangup\"", false));
        assertEquals("{\"type\":\"hangup\"}", assembler.add("}", true));
        assertEquals("x", assembler.add("x", true), "starts fresh after a message");
    }

    @Test
    void dropsAMessageOverTheLimitWholeAndRecovers() {
        TextAssembler assembler = new TextAssembler(10);
        assertEquals("0123456789", assembler.add("0123456789", true), "exactly the limit is allowed");
        assertNull(assembler.add("012345", false));
        assertNull(assembler.add("67890", false));
        assertNull(assembler.add("more", false));
        assertSame(TextAssembler.TOO_LONG, assembler.add("end", true));
        assertSame(TextAssembler.TOO_LONG, assembler.add("01234567890", true));
        assertEquals("ok", assembler.add("ok", true));
    }
}
