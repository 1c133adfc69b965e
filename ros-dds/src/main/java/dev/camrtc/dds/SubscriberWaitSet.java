package dev.camrtc.dds;

import java.time.Duration;

/**
 * Lets one thread sleep until any of several subscribers has data (a DDS waitset). Attach and detach
 * from the waiting thread only.
 */
public interface SubscriberWaitSet extends AutoCloseable {

    void attach(RosSubscriber subscriber);

    /** Idempotent; a closed subscriber is detached by its close as well. */
    void detach(RosSubscriber subscriber);

    /** Waits until an attached subscriber has data or {@code timeout} passed; true when data is there. */
    boolean await(Duration timeout);

    @Override
    void close();
}
