package dev.camrtc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void rootMessageIsTheInnermostCause() {
        RuntimeException e = new IllegalStateException("start failed", new IOException("wrap",
                new BindException("Address already in use")));
        assertEquals("Address already in use", Errors.rootMessage(e));
        assertEquals("timed out", Errors.rootMessage(new CompletionException(new TimeoutException())));
        assertEquals("java.lang.NullPointerException", Errors.rootMessage(new RuntimeException(new NullPointerException())));
        assertEquals("plain", Errors.rootMessage(new RuntimeException("plain")));
    }

    @Test
    void oneLineJoinsLines() {
        assertEquals("a b c", Errors.oneLine("a\n  b\r\nc\n"));
        assertEquals("invalid arguments", Errors.oneLine(null));
    }
}
