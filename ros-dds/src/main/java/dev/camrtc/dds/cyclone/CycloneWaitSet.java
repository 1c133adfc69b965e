package dev.camrtc.dds.cyclone;

import dev.camrtc.dds.RosGraphException;
import dev.camrtc.dds.RosSubscriber;
import dev.camrtc.dds.SubscriberWaitSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** A Cyclone waitset triggered by its readers' DATA_AVAILABLE status. */
final class CycloneWaitSet implements SubscriberWaitSet {
    private final Cyclone dds;
    private final int waitset;
    private final Set<Integer> attached = new HashSet<>();
    private boolean closed;

    CycloneWaitSet(Cyclone dds, int participant) {
        this.dds = dds;
        this.waitset = dds.check(dds.lib.dds_create_waitset(participant), "dds_create_waitset");
    }

    @Override
    public synchronized void attach(RosSubscriber subscriber) {
        int reader = reader(subscriber);
        if (!closed && attached.add(reader)) {
            dds.check(dds.lib.dds_waitset_attach(waitset, reader, reader), "dds_waitset_attach");
        }
    }

    @Override
    public synchronized void detach(RosSubscriber subscriber) {
        int reader = reader(subscriber);
        if (!closed && attached.remove(reader)) {
            dds.lib.dds_waitset_detach(waitset, reader); // fails harmlessly when the reader is already deleted
        }
    }

    @Override
    public boolean await(Duration timeout) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("waitset is closed");
            }
        }
        int rc = dds.lib.dds_waitset_wait(waitset, null, 0, timeout.toNanos());
        if (rc < 0) {
            throw new RosGraphException("dds_waitset_wait failed: " + dds.text(rc));
        }
        return rc > 0;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            dds.lib.dds_delete(waitset);
        }
    }

    private static int reader(RosSubscriber subscriber) {
        if (!(subscriber instanceof CycloneReader r)) {
            throw new IllegalArgumentException("not a Cyclone subscriber: " + subscriber);
        }
        return r.entity();
    }
}
