package dev.camrtc.sender.e2e;

import dev.camrtc.sender.sfu.JanusProcess;
import java.time.Duration;

/**
 * A throw-away Janus ({@link JanusProcess}) and a {@link SenderFixture} whose sender runs with
 * {@code --sfu janus:<that Janus>} plus {@code extraArgs}; started once the sender reaches Janus. Close it to stop both.
 */
final class JanusSenderFixture implements AutoCloseable {

    private final JanusProcess janus;
    private final SenderFixture fixture;

    private JanusSenderFixture(JanusProcess janus, SenderFixture fixture) {
        this.janus = janus;
        this.fixture = fixture;
    }

    static JanusSenderFixture start(String label, Duration timeout, String... extraArgs) throws Exception {
        JanusProcess janus = JanusProcess.start(label);
        SenderFixture fixture = null;
        try {
            String[] args = new String[extraArgs.length + 2];
            args[0] = "--sfu";
            args[1] = "janus:" + janus.uri();
            System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
            fixture = SenderFixture.start(args);
            JanusSenderFixture f = new JanusSenderFixture(janus, fixture);
            f.awaitRelay(true, timeout);
            return f;
        } catch (Exception | Error e) {
            if (fixture != null) {
                fixture.close();
            }
            janus.close();
            throw e;
        }
    }

    JanusProcess janus() {
        return janus;
    }

    SenderFixture sender() {
        return fixture;
    }

    /** Waits until the sender can (or, with {@code false}, can no longer) serve receivers through Janus. */
    void awaitRelay(boolean available, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fixture.sender().relay().orElseThrow().available() != available) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sender's Janus relay is not " + (available ? "available" : "unavailable")
                        + " within " + timeout + "; Janus output:\n" + janus.output());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            fixture.close();
        } finally {
            janus.close();
        }
    }
}
