package dev.camrtc.sender.camera.realsense;

import static dev.camrtc.sender.camera.realsense.RealSenseNative.check;
import static dev.camrtc.sender.camera.realsense.RealSenseNative.error;
import static org.bytedeco.librealsense2.global.realsense2.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.bytedeco.librealsense2.rs2_error;
import org.bytedeco.librealsense2.rs2_frame;
import org.bytedeco.librealsense2.rs2_frame_queue;
import org.bytedeco.librealsense2.rs2_processing_block;

/**
 * librealsense's align processing block, depth to the color stream ({@code --align-depth}): created once per
 * pipeline run and closed with it. It needs both streams in each frameset, the device's depth-to-color
 * extrinsics and its depth units; its output frames come from librealsense's own frame pool. Aligned depth
 * has the color stream's size and intrinsics. Not thread-safe: the capture thread uses it.
 */
final class DepthAligner implements AutoCloseable {
    private final rs2_processing_block block;
    private final rs2_frame_queue queue;

    DepthAligner() {
        rs2_error e = error();
        block = rs2_create_align(RS2_STREAM_COLOR, e);
        check(e, "rs2_create_align");
        queue = rs2_create_frame_queue(1, e);
        if (!e.isNull()) {
            rs2_delete_processing_block(block);
            check(e, "rs2_create_frame_queue");
        }
        rs2_start_processing_queue(block, queue, e);
        if (!e.isNull()) {
            close();
            check(e, "rs2_start_processing_queue");
        }
    }

    /**
     * The streams as they are announced with alignment: depth takes color's size and intrinsics (its rate stays).
     * Both must be present.
     */
    static Map<RealSenseStream, ActiveStream> aligned(Map<RealSenseStream, ActiveStream> streams) {
        ActiveStream color = streams.get(RealSenseStream.COLOR);
        ActiveStream depth = streams.get(RealSenseStream.DEPTH);
        if (color == null || depth == null) {
            throw new IllegalArgumentException("aligning depth needs the color and depth streams");
        }
        Map<RealSenseStream, ActiveStream> out = new EnumMap<>(streams);
        out.put(RealSenseStream.DEPTH, new ActiveStream(RealSenseStream.DEPTH, color.width(), color.height(), depth.fps(),
                color.intrinsics()));
        return out;
    }

    /** {@code needed} plus color when it holds depth: the align block needs color in each frameset. */
    static Set<RealSenseStream> withColorForDepth(Set<RealSenseStream> needed) {
        if (!needed.contains(RealSenseStream.DEPTH) || needed.contains(RealSenseStream.COLOR)) {
            return needed;
        }
        Set<RealSenseStream> out = EnumSet.copyOf(needed);
        out.add(RealSenseStream.COLOR);
        return Set.copyOf(out);
    }

    /**
     * Aligns the depth of {@code frameset} (still owned by the caller) to its color; returns the aligned frameset,
     * which the caller releases, or null when the block produced nothing.
     */
    rs2_frame align(rs2_frame frameset) {
        rs2_error e = error();
        rs2_frame_add_ref(frameset, e);
        check(e, "rs2_frame_add_ref");
        rs2_process_frame(block, frameset, e); // takes the added reference; runs on this thread, output to the queue
        check(e, "rs2_process_frame(align)");
        rs2_frame out = new rs2_frame(null);
        int got = rs2_poll_for_frame(queue, out, e);
        check(e, "rs2_poll_for_frame");
        return got == 0 || out.isNull() ? null : out;
    }

    @Override
    public void close() {
        rs2_delete_processing_block(block);
        rs2_delete_frame_queue(queue);
    }
}
