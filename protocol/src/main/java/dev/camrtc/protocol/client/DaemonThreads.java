package dev.camrtc.protocol.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so that a forgotten client never keeps the JVM alive. */
final class DaemonThreads {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DaemonThreads() {
    }

    static ThreadFactory named(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + COUNTER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
