package dev.camrtc.sender.camera.realsense;

/**
 * Paces a recording played as fast as it is consumed to its recorded frame rate, so a {@code bag:} source
 * behaves like a live camera without librealsense's real-time mode (which drops frames when the machine is
 * busy, and around every loop of a short recording). Counts frames of one stream (the pacing stream).
 */
final class PlaybackPacer {
    private final long periodNanos;
    private long dueNanos;

    PlaybackPacer(int fps) {
        this.periodNanos = 1_000_000_000L / Math.max(1, fps);
    }

    /** Restarts the schedule (after a pipeline start). */
    void reset() {
        dueNanos = 0;
    }

    /** Called once per frame of the pacing stream: sleeps until that frame is due. */
    void pace() throws InterruptedException {
        long now = System.nanoTime();
        if (dueNanos == 0 || now - dueNanos > periodNanos) {
            dueNanos = now + periodNanos;
            return;
        }
        long wait = dueNanos - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        dueNanos += periodNanos;
    }
}
