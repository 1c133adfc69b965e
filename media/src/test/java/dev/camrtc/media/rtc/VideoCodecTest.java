package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoCodecTest {

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(VideoCodec.H264, VideoCodec.parse("h264"));
        assertEquals(VideoCodec.VP8, VideoCodec.parse("VP8"));
        assertEquals("video/AV1", VideoCodec.parse("av1").mimeType());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoCodec.parse("mjpeg"));
        assertTrue(e.getMessage().contains("mjpeg") && e.getMessage().contains("vp8, vp9, h264, av1"), e.getMessage());
    }
}
