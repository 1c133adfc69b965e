package dev.camrtc.sender.camera.realsense;

import static dev.camrtc.sender.camera.realsense.RealSenseNative.check;
import static dev.camrtc.sender.camera.realsense.RealSenseNative.error;
import static org.bytedeco.librealsense2.global.realsense2.*;

import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.sender.camera.StreamProfile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.librealsense2.rs2_config;
import org.bytedeco.librealsense2.rs2_device;
import org.bytedeco.librealsense2.rs2_error;
import org.bytedeco.librealsense2.rs2_frame;
import org.bytedeco.librealsense2.rs2_intrinsics;
import org.bytedeco.librealsense2.rs2_pipeline;
import org.bytedeco.librealsense2.rs2_pipeline_profile;
import org.bytedeco.librealsense2.rs2_stream_profile;
import org.bytedeco.librealsense2.rs2_stream_profile_list;

/**
 * One run of a librealsense2 pipeline with a fixed set of streams, on a camera or a recording: the same code
 * for both, only the device selection differs. The rs2_pipeline object itself belongs to the caller and is
 * reused across runs (deleting one takes librealsense 2 s). Not thread-safe: one thread starts, reads, closes.
 */
final class RealSensePipeline implements AutoCloseable {
    private static final String[] DISTORTION_NAMES = {
        "none", "modified_brown_conrady", "inverse_brown_conrady", "ftheta", "brown_conrady", "kannala_brandt4"};

    private final rs2_pipeline pipeline;
    private final rs2_pipeline_profile profile;
    private final rs2_device device;
    private final DeviceInfo deviceInfo;
    private final Map<RealSenseStream, ActiveStream> streams;
    /** Depth to color, with {@code --align-depth} when both stream; else null. */
    private final DepthAligner aligner;
    /** Last frame number delivered per stream: the syncer may hand the same frame out again in a later set. */
    private final Map<RealSenseStream, Long> lastFrameNumber = new EnumMap<>(RealSenseStream.class);

    private RealSensePipeline(rs2_pipeline pipeline, rs2_pipeline_profile profile, boolean alignDepth) {
        this.pipeline = pipeline;
        this.profile = profile;
        rs2_error e = error();
        this.device = rs2_pipeline_profile_get_device(profile, e);
        check(e, "rs2_pipeline_profile_get_device");
        this.deviceInfo = RealSenseContext.info(device);
        Map<RealSenseStream, ActiveStream> active = activeStreams(profile);
        boolean align = alignDepth && active.containsKey(RealSenseStream.DEPTH) && active.containsKey(RealSenseStream.COLOR);
        this.streams = align ? DepthAligner.aligned(active) : active;
        this.aligner = align ? new DepthAligner() : null;
    }

    /**
     * Starts {@code pipeline} (kept by the caller, reused across restarts) streaming {@code wanted} from
     * {@code selection}; with {@code alignDepth}, depth frames are aligned to color when both are wanted.
     */
    static RealSensePipeline start(rs2_pipeline pipeline, DeviceSelection selection, Map<RealSenseStream, StreamProfile> wanted,
                                   boolean alignDepth) {
        rs2_error e = error();
        rs2_config config = config(selection, wanted);
        try {
            rs2_pipeline_profile profile = rs2_pipeline_start_with_config(pipeline, config, e);
            check(e, "rs2_pipeline_start_with_config");
            RealSensePipeline started;
            try {
                started = new RealSensePipeline(pipeline, profile, alignDepth);
            } catch (RuntimeException ex) {
                stopQuietly(pipeline);
                rs2_delete_pipeline_profile(profile);
                throw ex;
            }
            if (selection instanceof DeviceSelection.Recording) {
                rs2_playback_device_set_real_time(started.device, 0, e);
                if (!e.isNull()) {
                    started.close();
                    check(e, "rs2_playback_device_set_real_time");
                }
            }
            return started;
        } finally {
            rs2_delete_config(config);
        }
    }

    /**
     * Resolves {@code wanted} against the device without streaming: the device's name and serial and each
     * stream's actual size, rate and intrinsics. Fails with a RealSenseException when no device matches or a
     * profile is not supported.
     */
    static Resolved resolve(rs2_pipeline pipeline, DeviceSelection selection, Map<RealSenseStream, StreamProfile> wanted) {
        rs2_error e = error();
        rs2_config config = config(selection, wanted);
        try {
            rs2_pipeline_profile profile = rs2_config_resolve(config, pipeline, e);
            check(e, "rs2_config_resolve");
            try {
                rs2_device device = rs2_pipeline_profile_get_device(profile, e);
                check(e, "rs2_pipeline_profile_get_device");
                try {
                    return new Resolved(RealSenseContext.info(device), activeStreams(profile), RealSenseContext.depthUnits(device));
                } finally {
                    rs2_delete_device(device);
                }
            } finally {
                rs2_delete_pipeline_profile(profile);
            }
        } finally {
            rs2_delete_config(config);
        }
    }

    /**
     * What {@link #resolve} found; {@code depthUnits} is the depth sensor's depth scale (metres per unit,
     * RS2_OPTION_DEPTH_UNITS), or {@link RealSenseStream#DEPTH_UNITS} when the device reports none.
     */
    record Resolved(DeviceInfo device, Map<RealSenseStream, ActiveStream> streams, double depthUnits) {
    }

    private static rs2_config config(DeviceSelection selection, Map<RealSenseStream, StreamProfile> wanted) {
        rs2_error e = error();
        rs2_config config = rs2_create_config(e);
        check(e, "rs2_create_config");
        try {
            if (selection instanceof DeviceSelection.Recording r) {
                rs2_config_enable_device_from_file_repeat_option(config, r.file().toAbsolutePath().toString(), 1, e);
                check(e, "rs2_config_enable_device_from_file");
            } else if (selection instanceof DeviceSelection.Camera c && c.serial() != null) {
                rs2_config_enable_device(config, c.serial(), e);
                check(e, "rs2_config_enable_device");
            }
            for (Map.Entry<RealSenseStream, StreamProfile> w : wanted.entrySet()) {
                RealSenseStream s = w.getKey();
                StreamProfile p = w.getValue();
                rs2_config_enable_stream(config, s.rsStream(), s.rsIndex(), p.width(), p.height(), s.rsFormat(), p.fps(), e);
                check(e, "rs2_config_enable_stream(" + s.streamName() + " " + p + ")");
            }
            return config;
        } catch (RuntimeException ex) {
            rs2_delete_config(config);
            throw ex;
        }
    }

    private static Map<RealSenseStream, ActiveStream> activeStreams(rs2_pipeline_profile profile) {
        rs2_error e = error();
        rs2_stream_profile_list list = rs2_pipeline_profile_get_streams(profile, e);
        check(e, "rs2_pipeline_profile_get_streams");
        Map<RealSenseStream, ActiveStream> out = new EnumMap<>(RealSenseStream.class);
        try {
            int count = rs2_get_stream_profiles_count(list, e);
            check(e, "rs2_get_stream_profiles_count");
            for (int i = 0; i < count; i++) {
                rs2_stream_profile sp = rs2_get_stream_profile(list, i, e);
                check(e, "rs2_get_stream_profile");
                int[] stream = new int[1], format = new int[1], index = new int[1], uid = new int[1], fps = new int[1];
                rs2_get_stream_profile_data(sp, stream, format, index, uid, fps, e);
                check(e, "rs2_get_stream_profile_data");
                RealSenseStream known = RealSenseStream.of(stream[0], index[0]).orElse(null);
                if (known == null) {
                    continue;
                }
                try (rs2_intrinsics in = new rs2_intrinsics()) {
                    rs2_get_video_stream_intrinsics(sp, in, e);
                    check(e, "rs2_get_video_stream_intrinsics(" + known.streamName() + ")");
                    List<Double> coeffs = new ArrayList<>(5);
                    for (int c = 0; c < 5; c++) {
                        coeffs.add((double) in.coeffs(c));
                    }
                    int model = in.model();
                    String modelName = model >= 0 && model < DISTORTION_NAMES.length ? DISTORTION_NAMES[model] : "unknown_" + model;
                    out.put(known, new ActiveStream(known, in.width(), in.height(), fps[0],
                            new Intrinsics(in.fx(), in.fy(), in.ppx(), in.ppy(), modelName, coeffs)));
                }
            }
        } finally {
            rs2_delete_stream_profiles_list(list);
        }
        return out;
    }

    DeviceInfo deviceInfo() {
        return deviceInfo;
    }

    Map<RealSenseStream, ActiveStream> streams() {
        return streams;
    }

    /** The pipeline's device (valid until {@link #close()}), for camera options. */
    rs2_device device() {
        return device;
    }

    /**
     * Waits up to {@code timeoutMillis} for the next frames and hands each to {@code out} (valid during the call only);
     * returns false on timeout. Throws RealSenseException when the device failed (e.g. unplugged).
     */
    boolean next(int timeoutMillis, Consumer<CapturedFrame> out) {
        rs2_error e = error();
        rs2_frame frame = new rs2_frame(null);
        int got = rs2_pipeline_try_wait_for_frames(pipeline, frame, timeoutMillis, e);
        check(e, "rs2_pipeline_try_wait_for_frames");
        if (got == 0 || frame.isNull()) {
            return false;
        }
        rs2_frame aligned = null;
        try {
            aligned = aligner == null ? null : aligner.align(frame);
            rs2_frame set = aligned != null ? aligned : frame;
            if (rs2_is_frame_extendable_to(set, RS2_EXTENSION_COMPOSITE_FRAME, e) == 0) {
                check(e, "rs2_is_frame_extendable_to");
                copy(set, out);
            } else {
                int count = rs2_embedded_frames_count(set, e);
                check(e, "rs2_embedded_frames_count");
                for (int i = 0; i < count; i++) {
                    rs2_frame part = rs2_extract_frame(set, i, e);
                    check(e, "rs2_extract_frame");
                    try {
                        copy(part, out);
                    } finally {
                        rs2_release_frame(part);
                    }
                }
            }
        } finally {
            if (aligned != null) {
                rs2_release_frame(aligned);
            }
            rs2_release_frame(frame);
        }
        return true;
    }

    private void copy(rs2_frame frame, Consumer<CapturedFrame> out) {
        rs2_error e = error();
        rs2_stream_profile sp = rs2_get_frame_stream_profile(frame, e);
        check(e, "rs2_get_frame_stream_profile");
        int[] stream = new int[1], format = new int[1], index = new int[1], uid = new int[1], fps = new int[1];
        rs2_get_stream_profile_data(sp, stream, format, index, uid, fps, e);
        check(e, "rs2_get_stream_profile_data");
        RealSenseStream known = RealSenseStream.of(stream[0], index[0]).orElse(null);
        ActiveStream announced = known == null ? null : streams.get(known);
        int width = rs2_get_frame_width(frame, e);
        int height = rs2_get_frame_height(frame, e);
        if (announced == null || format[0] != known.rsFormat() || width != announced.width() || height != announced.height()) {
            return; // e.g. depth the align block passed through unaligned (its frameset had no color)
        }
        long number = rs2_get_frame_number(frame, e);
        check(e, "rs2_get_frame_number");
        Long previous = lastFrameNumber.put(known, number);
        if (previous != null && previous == number) {
            return;
        }
        int stride = rs2_get_frame_stride_in_bytes(frame, e);
        Pointer data = rs2_get_frame_data(frame, e);
        check(e, "rs2_get_frame_data");
        ByteBuffer src = data.capacity((long) stride * height).asByteBuffer();
        out.accept(new CapturedFrame(known, width, height, stride, src));
    }

    /** Stops streaming and frees this run's profile and device; the pipeline object stays with its owner. */
    @Override
    public void close() {
        stopQuietly(pipeline);
        if (aligner != null) {
            aligner.close();
        }
        rs2_delete_device(device);
        rs2_delete_pipeline_profile(profile);
    }

    private static void stopQuietly(rs2_pipeline pipeline) {
        rs2_error e = error();
        rs2_pipeline_stop(pipeline, e);
        if (!e.isNull()) {
            rs2_free_error(e);
        }
    }
}
