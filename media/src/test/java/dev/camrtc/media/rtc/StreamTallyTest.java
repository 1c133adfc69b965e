package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamTallyTest {

    @Test
    void gapsInTheStampCounterAreLostFrames() {
        StreamTally t = new StreamTally();
        t.stampCounter(10);
        t.stampCounter(11);
        t.stampCounter(14); // 12, 13 lost
        t.stampCounter(15);
        assertEquals(new StreamCounters(0, 0, 0, 4, 2), t.snapshot());
    }

    @Test
    void counterWrapAt2To24IsNotALoss() {
        StreamTally t = new StreamTally();
        t.stampCounter((1 << 24) - 1);
        t.stampCounter(0);
        t.stampCounter(2); // 1 lost
        assertEquals(1, t.snapshot().framesLost());
    }

    @Test
    void aCounterGoingBackIsARestartNotALoss() {
        StreamTally t = new StreamTally();
        t.stampCounter(5000);
        t.stampCounter(3); // sender restarted
        t.stampCounter(4);
        t.stampCounter(4); // repeated frame
        assertEquals(0, t.snapshot().framesLost());
        assertEquals(4, t.snapshot().framesStamped());
    }
}
