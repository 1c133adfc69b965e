package dev.camrtc.program;

import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a program opened, last opened first. The model: a start method pushes each part onto a
 * {@code Deque<AutoCloseable>} as soon as it is open; on a failed start and on {@code close()} the same
 * deque is handed here, so a part is released in exactly one place.
 */
public final class CloseInReverse {

    private static final Logger LOG = LoggerFactory.getLogger(CloseInReverse.class);

    private CloseInReverse() {
    }

    /**
     * Pops and closes every element of {@code opened} (top first). A failing close is logged as one line and
     * does not stop the others; the deque is empty afterwards.
     *
     * @param label who is closing, for the log line (e.g. the sender's name)
     */
    public static void closeAll(Deque<AutoCloseable> opened, String label) {
        while (!opened.isEmpty()) {
            AutoCloseable part = opened.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("{}: closing {} failed: {}", label, part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
