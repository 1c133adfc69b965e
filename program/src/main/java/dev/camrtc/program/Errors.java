package dev.camrtc.program;

import java.util.concurrent.TimeoutException;

/** Turning an exception into the one line a log or an operator reads. */
public final class Errors {

    private Errors() {
    }

    /**
     * The message of the innermost cause ({@code "timed out"} for a {@link TimeoutException}, the exception's
     * name when it has no message): the part that says what actually went wrong.
     */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException) {
            return "timed out";
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** {@code message} on one line: line breaks and the spaces around them become one space. */
    public static String oneLine(String message) {
        return message == null || message.isBlank() ? "invalid arguments" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
