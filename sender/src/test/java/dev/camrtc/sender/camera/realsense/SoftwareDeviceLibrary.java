package dev.camrtc.sender.camera.realsense;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA binding of the few librealsense2 functions Bytedeco does not map: the software device of
 * rs_internal.h and the recorder. Bound against the very library Bytedeco loaded (test use only).
 */
interface SoftwareDeviceLibrary extends Library {

    static SoftwareDeviceLibrary load() {
        return Native.load(RealSenseNative.load(), SoftwareDeviceLibrary.class);
    }

    /** Throws when {@code error} holds a librealsense error. */
    default void check(PointerByReference error, String call) {
        Pointer e = error.getValue();
        if (e != null) {
            String message = rs2_get_error_message(e);
            rs2_free_error(e);
            error.setValue(null);
            throw new IllegalStateException(call + ": " + message);
        }
    }

    String rs2_get_error_message(Pointer error);

    void rs2_free_error(Pointer error);

    Pointer rs2_create_software_device(PointerByReference error);

    Pointer rs2_software_device_add_sensor(Pointer device, String name, PointerByReference error);

    Pointer rs2_software_sensor_add_video_stream_ex(Pointer sensor, VideoStream.ByValue stream, int isDefault, PointerByReference error);

    void rs2_software_sensor_on_video_frame(Pointer sensor, SoftwareVideoFrame.ByValue frame, PointerByReference error);

    void rs2_software_device_register_info(Pointer device, int info, String value, PointerByReference error);

    void rs2_software_device_update_info(Pointer device, int info, String value, PointerByReference error);

    void rs2_software_device_create_matcher(Pointer device, int matcher, PointerByReference error);

    void rs2_software_sensor_add_option(Pointer sensor, int option, float min, float max, float step, float def,
                                        int writable, PointerByReference error);

    void rs2_software_sensor_add_read_only_option(Pointer sensor, int option, float value, PointerByReference error);

    void rs2_register_extrinsics(Pointer from, Pointer to, Extrinsics.ByValue extrinsics, PointerByReference error);

    Pointer rs2_create_record_device_ex(Pointer device, String file, int compression, PointerByReference error);

    Pointer rs2_query_sensors(Pointer device, PointerByReference error);

    int rs2_get_sensors_count(Pointer list, PointerByReference error);

    Pointer rs2_create_sensor(Pointer list, int index, PointerByReference error);

    Pointer rs2_get_stream_profiles(Pointer sensor, PointerByReference error);

    int rs2_get_stream_profiles_count(Pointer list, PointerByReference error);

    Pointer rs2_get_stream_profile(Pointer list, int index, PointerByReference error);

    void rs2_open_multiple(Pointer sensor, Pointer[] profiles, int count, PointerByReference error);

    Pointer rs2_create_frame_queue(int capacity, PointerByReference error);

    void rs2_start_queue(Pointer sensor, Pointer queue, PointerByReference error);

    void rs2_stop(Pointer sensor, PointerByReference error);

    void rs2_close(Pointer sensor, PointerByReference error);

    void rs2_delete_sensor(Pointer sensor);

    void rs2_delete_sensor_list(Pointer list);

    void rs2_delete_stream_profiles_list(Pointer list);

    void rs2_delete_frame_queue(Pointer queue);

    void rs2_delete_device(Pointer device);

    /** rs2_intrinsics. */
    @Structure.FieldOrder({"width", "height", "ppx", "ppy", "fx", "fy", "model", "coeffs"})
    class Intrinsics extends Structure {
        public int width;
        public int height;
        public float ppx;
        public float ppy;
        public float fx;
        public float fy;
        public int model;
        public float[] coeffs = new float[5];
    }

    /** rs2_extrinsics: column-major 3x3 rotation, translation in metres. */
    @Structure.FieldOrder({"rotation", "translation"})
    class Extrinsics extends Structure {
        public float[] rotation = new float[9];
        public float[] translation = new float[3];

        public static class ByValue extends Extrinsics implements Structure.ByValue {
        }
    }

    /** rs2_video_stream. */
    @Structure.FieldOrder({"type", "index", "uid", "width", "height", "fps", "bpp", "fmt", "intrinsics"})
    class VideoStream extends Structure {
        public int type;
        public int index;
        public int uid;
        public int width;
        public int height;
        public int fps;
        public int bpp;
        public int fmt;
        public Intrinsics intrinsics = new Intrinsics();

        public static class ByValue extends VideoStream implements Structure.ByValue {
        }
    }

    /** void (*deleter)(void*). */
    interface Deleter extends Callback {
        void invoke(Pointer pixels);
    }

    /** rs2_software_video_frame (2.53). */
    @Structure.FieldOrder({"pixels", "deleter", "stride", "bpp", "timestamp", "domain", "frame_number", "profile", "depth_units"})
    class SoftwareVideoFrame extends Structure {
        public Pointer pixels;
        public Deleter deleter;
        public int stride;
        public int bpp;
        public double timestamp;
        public int domain;
        public int frame_number;
        public Pointer profile;
        public float depth_units;

        public static class ByValue extends SoftwareVideoFrame implements Structure.ByValue {
        }
    }
}
