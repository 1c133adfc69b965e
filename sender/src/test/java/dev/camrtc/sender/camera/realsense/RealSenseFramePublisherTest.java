package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealSenseFramePublisherTest {
    private final DepthColorizer colorizer = new DepthColorizer(300, 4000);
    private final List<CameraFrame> got = new ArrayList<>();

    private static CapturedFrame frame(RealSenseStream s) {
        return new CapturedFrame(s, 4, 2, ByteBuffer.allocate(4 * 2 * s.pixelFormat().bytesPerPixel()));
    }

    @Test
    void publishesOnlyDemandedNamesWithTheirFormatsAndSequences() {
        RealSenseFramePublisher p = new RealSenseFramePublisher(colorizer, false);
        Set<String> demand = Set.of("infrared", "depth");
        for (int i = 0; i < 2; i++) {
            p.publish(frame(RealSenseStream.COLOR), demand, got::add);
            p.publish(frame(RealSenseStream.INFRARED), demand, got::add);
            p.publish(frame(RealSenseStream.DEPTH), demand, got::add);
        }
        assertEquals(List.of("infrared", "depth", "infrared", "depth"), got.stream().map(CameraFrame::stream).toList());
        assertEquals(List.of(PixelFormat.MONO8, PixelFormat.BGR8), got.subList(0, 2).stream().map(CameraFrame::format).toList());
        assertEquals(List.of(1L, 1L, 2L, 2L), got.stream().map(CameraFrame::sequence).toList());
    }

    @Test
    void rawDepthOnlyOnExplicitDemandEvenWhenAlwaysOn() {
        RealSenseFramePublisher p = new RealSenseFramePublisher(colorizer, true);
        p.publish(frame(RealSenseStream.DEPTH), Set.of(), got::add);
        assertEquals(List.of("depth"), got.stream().map(CameraFrame::stream).toList());
        got.clear();
        p.publish(frame(RealSenseStream.DEPTH), Set.of("depth_z16"), got::add);
        assertEquals(List.of("depth_z16", "depth"), got.stream().map(CameraFrame::stream).toList());
        assertEquals(PixelFormat.Z16, got.get(0).format());
    }
}
