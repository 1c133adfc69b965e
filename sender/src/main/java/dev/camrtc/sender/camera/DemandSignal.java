package dev.camrtc.sender.camera;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a {@link CaptureLoop} follows: the demanded streams and whether it is closed, with a generation
 * counter that grows by one at every demand change and at close, so the loop thread can wait for "anything
 * new since generation {@code g}".
 *
 * <p>Threads: {@link #demand(Set)}, {@link #close()} and {@link #whileOpen} may be called from any thread and
 * wake every waiter; the waits ({@link #awaitChange}, {@link #waitUntil}) run on the loop thread. One lock
 * guards everything here.
 */
final class DemandSignal {

    /** The state at one moment: what the loop reads at the top of each turn. */
    record Snapshot(boolean closed, Set<String> demand, long generation) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Set<String> demand = Set.of(); // guarded by lock
    private long generation; // guarded by lock: +1 per demand change or close
    private boolean closed; // guarded by lock

    /** Runs {@code action} under the lock unless closed (so a close cannot come between); false when closed. */
    boolean whileOpen(Runnable action) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the demanded streams; wakes the waiters when they changed. */
    void demand(Set<String> streams) {
        Set<String> copy = Set.copyOf(streams);
        lock.lock();
        try {
            if (!copy.equals(demand)) {
                demand = copy;
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    Set<String> demand() {
        lock.lock();
        try {
            return demand;
        } finally {
            lock.unlock();
        }
    }

    /** Marks closed and wakes the waiters; true the first time only. */
    boolean close() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            generation++;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    Snapshot now() {
        lock.lock();
        try {
            return new Snapshot(closed, demand, generation);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a demand change or close after generation {@code gen}, at most {@code millis} (0 = no limit). */
    void awaitChange(long gen, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (generation == gen) {
                if (millis == 0) {
                    changed.awaitUninterruptibly();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** See {@link CaptureLoop.Frames#waitUntil}: false when woken early by a demand change or close. */
    boolean waitUntil(long deadlineNanos) {
        lock.lock();
        try {
            long gen = generation;
            while (generation == gen) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                changed.awaitNanos(left);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
