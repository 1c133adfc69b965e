package dev.camrtc.systemtests.sender;

import dev.camrtc.sender.sfu.JanusProcess;
import java.net.URI;
import java.time.Duration;

/**
 * A throw-away Janus ({@link JanusProcess}, Debian's package) and a {@link PatternSender} publishing into it with
 * {@code --sfu}; started once the sender reaches Janus. Close it to stop both.
 */
public final class JanusPatternSender implements AutoCloseable {

    private final JanusProcess janus;
    private final PatternSender sender;

    private JanusPatternSender(JanusProcess janus, PatternSender sender) {
        this.janus = janus;
        this.sender = sender;
    }

    /** Starts Janus, then a sender called {@code name} against the signaling server at {@code server}. */
    public static JanusPatternSender start(URI server, String name, Duration timeout) throws Exception {
        JanusProcess janus = JanusProcess.start(name);
        PatternSender sender = null;
        try {
            sender = PatternSender.start(server, name, "--sfu", "janus:" + janus.uri());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!sender.running().relay().orElseThrow().available()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sender does not reach Janus within " + timeout + ": "
                            + janus.output());
                }
                Thread.sleep(50);
            }
            return new JanusPatternSender(janus, sender);
        } catch (Exception | Error e) {
            if (sender != null) {
                sender.close();
            }
            janus.close();
            throw e;
        }
    }

    public JanusProcess janus() {
        return janus;
    }

    public PatternSender sender() {
        return sender;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            sender.close();
        } finally {
            janus.close();
        }
    }
}
