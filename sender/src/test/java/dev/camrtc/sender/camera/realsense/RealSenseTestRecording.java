package dev.camrtc.sender.camera.realsense;

import static org.bytedeco.librealsense2.global.realsense2.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.camrtc.protocol.Intrinsics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a short RealSense recording (.bag) at test time with librealsense2's own software device and
 * recorder: a simulated D435 with color (bgr8), left infrared (y8) and depth (z16), 640x480@30, whose
 * pixels are {@link #expectedPixels} of the frame index (the first 4 bytes of every frame are its index).
 * Frames 0..n-1 follow one warm-up frame with index -1: librealsense 2.53.1 playback never delivers the very
 * first recorded frame of a sensor, and replays the warm-up frame on some loops (measured), so readers must
 * accept and may skip index -1.
 * Any test may replay it through the product's RealSense pipeline ({@code bag:FILE}).
 */
public final class RealSenseTestRecording {
    public static final String NAME = "Intel RealSense D435";
    public static final String SERIAL = "843112070001";
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final int FPS = 30;
    /** Intrinsics written for each stream (distinct per stream so tests can tell them apart). */
    public static final Map<RealSenseStream, Intrinsics> INTRINSICS = Map.of(
            RealSenseStream.COLOR, new Intrinsics(615.5, 615.25, 321.5, 241.25, "inverse_brown_conrady",
                    List.of(0.0, 0.0, 0.0, 0.0, 0.0)),
            RealSenseStream.INFRARED, new Intrinsics(385.5, 385.5, 318.75, 238.5, "brown_conrady",
                    List.of(0.125, -0.25, 0.0, 0.0, 0.0625)),
            RealSenseStream.DEPTH, new Intrinsics(385.5, 385.5, 318.75, 238.5, "brown_conrady",
                    List.of(0.125, -0.25, 0.0, 0.0, 0.0625)));
    private static final String[] MODELS = {
        "none", "modified_brown_conrady", "inverse_brown_conrady", "ftheta", "brown_conrady", "kannala_brandt4"};
    private static final RealSenseStream[] RECORDED = {RealSenseStream.COLOR, RealSenseStream.INFRARED, RealSenseStream.DEPTH};

    private RealSenseTestRecording() {
    }

    /** The exact pixels of frame {@code index} (0-based) of {@code stream}, tightly packed. */
    public static byte[] expectedPixels(RealSenseStream stream, int index) {
        int size = WIDTH * HEIGHT * stream.pixelFormat().bytesPerPixel();
        byte[] b = new byte[size];
        int salt = stream.ordinal() * 61;
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ((i % 251) + index * 13 + salt);
        }
        ByteBuffer.wrap(b).putInt(0, index);
        return b;
    }

    /** Depth-to-color translation (metres) of {@link #write}: the D435's color imager sits ~15 mm beside depth. */
    public static final float DEPTH_TO_COLOR_X = 0.015f;

    /** Writes {@code frames} framesets of color, infrared and depth into {@code file}. */
    public static void write(Path file, int frames) {
        write(file, frames, 0.001f);
    }

    /** Like {@link #write(Path, int)}, the Stereo Module reporting {@code depthUnits} (RS2_OPTION_DEPTH_UNITS). */
    public static void write(Path file, int frames, float depthUnits) {
        write(file, frames, depthUnits, false);
    }

    /**
     * Like {@link #write(Path, int)}, but depth has exactly color's intrinsics and depth-to-color extrinsics are the
     * identity: aligning depth to color maps every depth pixel onto the same color pixel.
     */
    public static void writeCoincident(Path file, int frames) {
        write(file, frames, 0.001f, true);
    }

    /** The intrinsics depth is recorded with: color's in a coincident recording. */
    public static Intrinsics depthIntrinsics(boolean coincident) {
        return INTRINSICS.get(coincident ? RealSenseStream.COLOR : RealSenseStream.DEPTH);
    }

    private static void write(Path file, int frames, float depthUnits, boolean coincident) {
        SoftwareDeviceLibrary rs = SoftwareDeviceLibrary.load();
        PointerByReference e = new PointerByReference();
        Pointer device = rs.rs2_create_software_device(e);
        rs.check(e, "rs2_create_software_device");
        List<Memory> keepAlive = new ArrayList<>();
        SoftwareDeviceLibrary.Deleter noDelete = p -> { };
        try {
            rs.rs2_software_device_update_info(device, RS2_CAMERA_INFO_NAME, NAME, e);
            rs.check(e, "rs2_software_device_update_info");
            rs.rs2_software_device_register_info(device, RS2_CAMERA_INFO_SERIAL_NUMBER, SERIAL, e);
            rs.check(e, "rs2_software_device_register_info");
            Pointer stereo = rs.rs2_software_device_add_sensor(device, "Stereo Module", e);
            Pointer rgb = rs.rs2_software_device_add_sensor(device, "RGB Camera", e);
            rs.check(e, "rs2_software_device_add_sensor");
            rs.rs2_software_sensor_add_read_only_option(stereo, RS2_OPTION_DEPTH_UNITS, depthUnits, e);
            rs.check(e, "rs2_software_sensor_add_read_only_option(depth units)");
            Map<RealSenseStream, Pointer> sensors = new EnumMap<>(Map.of(
                    RealSenseStream.COLOR, rgb, RealSenseStream.INFRARED, stereo, RealSenseStream.DEPTH, stereo));
            Map<RealSenseStream, Pointer> profiles = new EnumMap<>(RealSenseStream.class);
            int uid = 1;
            for (RealSenseStream s : RECORDED) {
                profiles.put(s, rs.rs2_software_sensor_add_video_stream_ex(sensors.get(s), videoStream(s, uid++, coincident),
                        1, e));
                rs.check(e, "rs2_software_sensor_add_video_stream_ex(" + s + ")");
            }
            SoftwareDeviceLibrary.Extrinsics.ByValue depthToColor = new SoftwareDeviceLibrary.Extrinsics.ByValue();
            depthToColor.rotation[0] = depthToColor.rotation[4] = depthToColor.rotation[8] = 1;
            depthToColor.translation[0] = coincident ? 0 : DEPTH_TO_COLOR_X;
            rs.rs2_register_extrinsics(profiles.get(RealSenseStream.DEPTH), profiles.get(RealSenseStream.COLOR), depthToColor, e);
            rs.check(e, "rs2_register_extrinsics(depth to color)");
            rs.rs2_software_device_create_matcher(device, 2 /* RS2_MATCHER_DLR_C */, e);
            rs.check(e, "rs2_software_device_create_matcher");

            Pointer recorder = rs.rs2_create_record_device_ex(device, file.toAbsolutePath().toString(), 0, e);
            rs.check(e, "rs2_create_record_device_ex");
            List<Pointer> started = new ArrayList<>();
            Pointer queue = rs.rs2_create_frame_queue(1, e);
            rs.check(e, "rs2_create_frame_queue");
            Pointer sensorList = rs.rs2_query_sensors(recorder, e);
            rs.check(e, "rs2_query_sensors");
            try {
                int count = rs.rs2_get_sensors_count(sensorList, e);
                for (int i = 0; i < count; i++) {
                    Pointer sensor = rs.rs2_create_sensor(sensorList, i, e);
                    rs.check(e, "rs2_create_sensor");
                    Pointer list = rs.rs2_get_stream_profiles(sensor, e);
                    rs.check(e, "rs2_get_stream_profiles");
                    int n = rs.rs2_get_stream_profiles_count(list, e);
                    Pointer[] all = new Pointer[n];
                    for (int p = 0; p < n; p++) {
                        all[p] = rs.rs2_get_stream_profile(list, p, e);
                    }
                    rs.rs2_open_multiple(sensor, all, n, e);
                    rs.check(e, "rs2_open_multiple");
                    rs.rs2_start_queue(sensor, queue, e);
                    rs.check(e, "rs2_start_queue");
                    rs.rs2_delete_stream_profiles_list(list);
                    started.add(sensor);
                }
                // Playback of librealsense 2.53.1 never delivers the first recorded frame of a stream (measured):
                // a leading warm-up frame (counter -1) absorbs that, so frames 0..n-1 all play, in every loop.
                for (int f = -1; f < frames; f++) {
                    for (RealSenseStream s : RECORDED) {
                        byte[] pixels = expectedPixels(s, f);
                        Memory memory = new Memory(pixels.length);
                        memory.write(0, pixels, 0, pixels.length);
                        keepAlive.add(memory);
                        SoftwareDeviceLibrary.SoftwareVideoFrame.ByValue frame = new SoftwareDeviceLibrary.SoftwareVideoFrame.ByValue();
                        frame.pixels = memory;
                        frame.deleter = noDelete;
                        frame.bpp = s.pixelFormat().bytesPerPixel();
                        frame.stride = WIDTH * frame.bpp;
                        frame.timestamp = 1000.0 * (f + 1) / FPS;
                        frame.domain = 0;
                        frame.frame_number = f + 2;
                        frame.profile = profiles.get(s);
                        frame.depth_units = depthUnits;
                        rs.rs2_software_sensor_on_video_frame(sensors.get(s), frame, e);
                        rs.check(e, "rs2_software_sensor_on_video_frame");
                    }
                }
            } finally {
                for (Pointer sensor : started) {
                    rs.rs2_stop(sensor, e);
                    rs.rs2_close(sensor, e);
                    rs.rs2_delete_sensor(sensor);
                }
                if (e.getValue() != null) {
                    rs.rs2_free_error(e.getValue());
                }
                rs.rs2_delete_sensor_list(sensorList);
                rs.rs2_delete_frame_queue(queue);
                rs.rs2_delete_device(recorder);
            }
            rs.rs2_delete_sensor(stereo);
            rs.rs2_delete_sensor(rgb);
        } finally {
            rs.rs2_delete_device(device);
            keepAlive.clear();
        }
        if (noDelete.hashCode() == 0) {
            throw new AssertionError("unreachable: keeps the deleter callback reachable until here");
        }
    }

    private static SoftwareDeviceLibrary.VideoStream.ByValue videoStream(RealSenseStream s, int uid, boolean coincident) {
        SoftwareDeviceLibrary.VideoStream.ByValue v = new SoftwareDeviceLibrary.VideoStream.ByValue();
        v.type = s.rsStream();
        v.index = s.rsIndex();
        v.uid = uid;
        v.width = WIDTH;
        v.height = HEIGHT;
        v.fps = FPS;
        v.bpp = s.pixelFormat().bytesPerPixel();
        v.fmt = s.rsFormat();
        Intrinsics in = s == RealSenseStream.DEPTH ? depthIntrinsics(coincident) : INTRINSICS.get(s);
        v.intrinsics.width = WIDTH;
        v.intrinsics.height = HEIGHT;
        v.intrinsics.fx = (float) in.fx();
        v.intrinsics.fy = (float) in.fy();
        v.intrinsics.ppx = (float) in.ppx();
        v.intrinsics.ppy = (float) in.ppy();
        v.intrinsics.model = List.of(MODELS).indexOf(in.model());
        for (int c = 0; c < 5; c++) {
            v.intrinsics.coeffs[c] = in.coeffs().get(c).floatValue();
        }
        return v;
    }
}
