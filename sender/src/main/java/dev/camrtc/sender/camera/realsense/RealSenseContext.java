package dev.camrtc.sender.camera.realsense;

import static dev.camrtc.sender.camera.realsense.RealSenseNative.check;
import static dev.camrtc.sender.camera.realsense.RealSenseNative.error;
import static org.bytedeco.librealsense2.global.realsense2.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.librealsense2.rs2_context;
import org.bytedeco.librealsense2.rs2_device;
import org.bytedeco.librealsense2.rs2_device_list;
import org.bytedeco.librealsense2.rs2_error;
import org.bytedeco.librealsense2.rs2_pipeline;
import org.bytedeco.librealsense2.rs2_sensor;
import org.bytedeco.librealsense2.rs2_sensor_list;

/** A librealsense2 context: lists connected cameras. Close it after every pipeline made from it. */
public final class RealSenseContext implements AutoCloseable {
    private final rs2_context context;
    private boolean closed;

    public RealSenseContext() {
        RealSenseNative.load();
        rs2_error e = error();
        context = rs2_create_context(RS2_API_VERSION, e);
        check(e, "rs2_create_context");
    }

    rs2_context handle() {
        return context;
    }

    /** A new pipeline on this context; the caller frees it with {@link #deletePipelineLater} or {@link #closeLater}. */
    rs2_pipeline createPipeline() {
        rs2_error e = error();
        rs2_pipeline pipeline = rs2_create_pipeline(context, e);
        check(e, "rs2_create_pipeline");
        return pipeline;
    }

    /**
     * Frees pipeline objects and contexts in order, off the capture and caller threads: deleting a librealsense
     * 2.53 pipeline blocks for about 2 s.
     */
    private static final ExecutorService RELEASER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "realsense-release");
        t.setDaemon(true);
        return t;
    });

    /** Frees a pipeline of a context soon, on the releaser thread. */
    static void deletePipelineLater(rs2_pipeline pipeline) {
        RELEASER.execute(() -> rs2_delete_pipeline(pipeline));
    }

    /** Frees {@code lastPipeline} (may be null) and then this context, on the releaser thread. */
    void closeLater(rs2_pipeline lastPipeline) {
        RELEASER.execute(() -> {
            if (lastPipeline != null) {
                rs2_delete_pipeline(lastPipeline);
            }
            close();
        });
    }

    /** Every connected RealSense. */
    public synchronized List<DeviceInfo> devices() {
        List<DeviceInfo> out = new ArrayList<>();
        forEachDevice(d -> {
            out.add(info(d));
            return null;
        });
        return out;
    }

    /** The connected camera chosen by {@code serial} (null = the first), if present. */
    public Optional<DeviceInfo> find(String serial) {
        return devices().stream().filter(d -> serial == null || serial.equals(d.serial())).findFirst();
    }

    /**
     * Runs {@code action} on a device handle of the camera with {@code serial} (null = first), freeing the
     * handle afterwards; empty when no such camera is connected.
     */
    public synchronized <T> Optional<T> withDevice(String serial, Function<rs2_device, T> action) {
        Object[] result = new Object[1];
        boolean[] found = new boolean[1];
        forEachDevice(d -> {
            if (!found[0] && (serial == null || serial.equals(info(d).serial()))) {
                found[0] = true;
                result[0] = action.apply(d);
            }
            return null;
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return found[0] ? Optional.ofNullable(t) : Optional.empty();
    }

    private void forEachDevice(Function<rs2_device, Void> action) {
        rs2_error e = error();
        rs2_device_list list = rs2_query_devices(context, e);
        check(e, "rs2_query_devices");
        try {
            int count = rs2_get_device_count(list, e);
            check(e, "rs2_get_device_count");
            for (int i = 0; i < count; i++) {
                rs2_device device = rs2_create_device(list, i, e);
                check(e, "rs2_create_device");
                try {
                    action.apply(device);
                } finally {
                    rs2_delete_device(device);
                }
            }
        } finally {
            rs2_delete_device_list(list);
        }
    }

    /** Name, serial and USB type of {@code device} (empty strings where the device does not say). */
    static DeviceInfo info(rs2_device device) {
        return new DeviceInfo(cameraInfo(device, RS2_CAMERA_INFO_NAME), cameraInfo(device, RS2_CAMERA_INFO_SERIAL_NUMBER),
                cameraInfo(device, RS2_CAMERA_INFO_USB_TYPE_DESCRIPTOR));
    }

    private static String cameraInfo(rs2_device device, int info) {
        rs2_error e = error();
        int supported = rs2_supports_device_info(device, info, e);
        check(e, "rs2_supports_device_info");
        if (supported == 0) {
            return "";
        }
        BytePointer value = rs2_get_device_info(device, info, e);
        check(e, "rs2_get_device_info");
        return value == null || value.isNull() ? "" : value.getString();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            rs2_delete_context(context);
        }
    }

    /** The depth scale of the device's depth sensor, or the D400 default when it has none. */
    static double depthUnits(rs2_device device) {
        rs2_error e = error();
        rs2_sensor_list sensors = rs2_query_sensors(device, e);
        check(e, "rs2_query_sensors");
        try {
            int count = rs2_get_sensors_count(sensors, e);
            check(e, "rs2_get_sensors_count");
            for (int i = 0; i < count; i++) {
                rs2_sensor sensor = rs2_create_sensor(sensors, i, e);
                check(e, "rs2_create_sensor");
                try {
                    if (rs2_is_sensor_extendable_to(sensor, RS2_EXTENSION_DEPTH_SENSOR, e) != 0) {
                        float scale = rs2_get_depth_scale(sensor, e);
                        check(e, "rs2_get_depth_scale");
                        if (scale > 0) {
                            return Double.parseDouble(Float.toString(scale)); // 0.001f announced as 0.001
                        }
                    }
                    check(e, "rs2_is_sensor_extendable_to");
                } finally {
                    rs2_delete_sensor(sensor);
                }
            }
        } finally {
            rs2_delete_sensor_list(sensors);
        }
        return RealSenseStream.DEPTH_UNITS;
    }
}
