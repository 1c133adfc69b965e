package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlaybackPacerTest {
    @Test
    void neverDeliversFasterThanTheRecordedRate() throws InterruptedException {
        PlaybackPacer pacer = new PlaybackPacer(50);
        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            pacer.pace();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        assertTrue(millis >= 10 * 20 - 1, "11 frames at 50 fps span at least 200 ms, took " + millis);
    }

    @Test
    void theFirstFrameAfterAResetIsNotDelayed() throws InterruptedException {
        PlaybackPacer pacer = new PlaybackPacer(1);
        pacer.pace();
        pacer.reset();
        long start = System.nanoTime();
        pacer.pace();
        assertTrue(System.nanoTime() - start < 500_000_000L, "a 1 fps pacer waited after a reset");
    }
}
