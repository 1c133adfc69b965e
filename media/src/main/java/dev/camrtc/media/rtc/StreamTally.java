package dev.camrtc.media.rtc;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one received stream, written by its sink and the delivery thread. */
final class StreamTally {

    private static final long COUNTER_MODULUS = 1L << 24;

    final AtomicLong received = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong stamped = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    private long lastCounter = -1; // sink thread only

    /** Records a stamped frame's counter; a jump forward of n means n - 1 frames never arrived. */
    void stampCounter(long counter) {
        stamped.incrementAndGet();
        if (lastCounter >= 0) {
            long gap = Math.floorMod(counter - lastCounter, COUNTER_MODULUS);
            if (gap > 1 && gap < COUNTER_MODULUS / 2) {
                lost.addAndGet(gap - 1);
            }
        }
        lastCounter = counter;
    }

    StreamCounters snapshot() {
        return new StreamCounters(received.get(), delivered.get(), skipped.get(), stamped.get(), lost.get());
    }
}
