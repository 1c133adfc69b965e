package dev.camrtc.sender.webrtc;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code request_offer}s refused as busy: one WARN line at most every 10 s, counting the refusals since the last. */
final class BusyRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(BusyRefusals.class);
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Supplier<String> label;
    private long refusals;    // sessions thread only, since the last line
    private long loggedNanos; // sessions thread only

    BusyRefusals(Supplier<String> label) {
        this.label = label;
    }

    void refused(String receiver, int open, int max) {
        refusals++;
        long now = System.nanoTime();
        if (loggedNanos == 0 || now - loggedNanos > EVERY_NANOS) {
            LOG.warn("{}: busy: {} request(s) refused (last from {}): {} peer-to-peer sessions open, --max-sessions {}",
                    label.get(), refusals, receiver, open, max);
            loggedNanos = now;
            refusals = 0;
        }
    }
}
