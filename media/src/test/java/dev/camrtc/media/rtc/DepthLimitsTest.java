package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.media.depth.DepthChunks;
import dev.camrtc.media.depth.DepthReassembler;
import dev.camrtc.media.depth.RvlCodec;
import dev.camrtc.protocol.StreamDescription;
import org.junit.jupiter.api.Test;

/** How much a receiver may hold per depth channel: bounded by the announced size, else by 1280x720. */
class DepthLimitsTest {

    @Test
    void theAnnouncedSizeBoundsAFrame() {
        StreamDescription vga = StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001);
        // RVL's worst case for 307200 pixels: 6 nibbles each + 12 + 6 * 9 -> (1843266 + 7) / 8 * 4 = 921636
        assertEquals(921_636, RvlCodec.maxEncodedSize(640 * 480));
        assertEquals(921_636, AnsweringPeer.maxDepthFrameBytes(vga));
        StreamDescription unsized = new StreamDescription("depth_z16", null, null, null, "16UC1", "datachannel", 0.001, null);
        assertEquals(DepthReassembler.maxFrameBytes(1280, 720), AnsweringPeer.maxDepthFrameBytes(unsized));
        StreamDescription huge = StreamDescription.depthDataChannel("depth_z16", 65_535, 65_535, 30, 0.001);
        assertEquals(DepthChunks.MAX_FRAME_BYTES, AnsweringPeer.maxDepthFrameBytes(huge));
    }
}
