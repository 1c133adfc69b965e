package dev.camrtc.sender.camera.realsense;

import static dev.camrtc.sender.camera.realsense.RealSenseNative.check;
import static dev.camrtc.sender.camera.realsense.RealSenseNative.error;
import static org.bytedeco.librealsense2.global.realsense2.*;

import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.librealsense2.rs2_device;
import org.bytedeco.librealsense2.rs2_error;
import org.bytedeco.librealsense2.rs2_options;
import org.bytedeco.librealsense2.rs2_sensor;
import org.bytedeco.librealsense2.rs2_sensor_list;

/**
 * The RealSense options behind the controls of PROTOCOL.md 3.6. Each control acts on the first sensor of
 * the device that supports its option (on a D400 that is the Stereo Module, i.e. the infrared imagers,
 * emitter and laser), with the range the camera itself reports.
 */
public final class RealSenseControls implements CameraControls {

    /** A protocol control name and the librealsense option behind it. */
    enum Control {
        EXPOSURE("exposure", RS2_OPTION_EXPOSURE, false),
        GAIN("gain", RS2_OPTION_GAIN, false),
        AUTO_EXPOSURE("auto_exposure", RS2_OPTION_ENABLE_AUTO_EXPOSURE, true),
        LASER_POWER("laser_power", RS2_OPTION_LASER_POWER, false),
        EMITTER_ENABLED("emitter_enabled", RS2_OPTION_EMITTER_ENABLED, true);

        final String wireName;
        final int option;
        final boolean bool;

        Control(String wireName, int option, boolean bool) {
            this.wireName = wireName;
            this.option = option;
            this.bool = bool;
        }

        static Control named(String name) throws ControlException {
            for (Control c : values()) {
                if (c.wireName.equals(name)) {
                    return c;
                }
            }
            throw new ControlException(name, "unknown control '" + name + "' (known: exposure, gain, auto_exposure, laser_power, emitter_enabled)");
        }
    }

    @FunctionalInterface
    private interface SensorAction<T> {
        T apply(rs2_sensor sensor) throws ControlException;
    }

    private final DeviceAccess access;

    RealSenseControls(DeviceAccess access) {
        this.access = access;
    }

    @Override
    public List<ControlInfo> list() {
        try {
            return access.withDevice("", device -> {
                List<ControlInfo> out = new ArrayList<>();
                for (Control c : Control.values()) {
                    rs2_sensor sensor = sensorFor(device, c);
                    if (sensor != null) {
                        try {
                            out.add(info(sensor, c));
                        } finally {
                            rs2_delete_sensor(sensor);
                        }
                    }
                }
                return out;
            });
        } catch (ControlException e) {
            return List.of();
        }
    }

    @Override
    public Object get(String name) throws ControlException {
        Control c = Control.named(name);
        return onSensor(c, sensor -> value(c, readOption(sensor, c)));
    }

    @Override
    public Object set(String name, Object value) throws ControlException {
        Control c = Control.named(name);
        return onSensor(c, sensor -> {
            float[] range = range(sensor, c);
            float wanted = c.bool ? booleanValue(c, value) : numericValue(c, value, range);
            rs2_error e = error();
            rs2_set_option(options(sensor), c.option, wanted, e);
            if (!e.isNull()) {
                String message = rs2_get_error_message(e).getString();
                rs2_free_error(e);
                throw new ControlException(c.wireName, c.wireName + " was not changed: " + message);
            }
            return value(c, readOption(sensor, c));
        });
    }

    private <T> T onSensor(Control c, SensorAction<T> action) throws ControlException {
        return access.withDevice(c.wireName, device -> {
            rs2_sensor sensor = sensorFor(device, c);
            if (sensor == null) {
                throw new ControlException(c.wireName, "this camera has no " + c.wireName + " control");
            }
            try {
                return action.apply(sensor);
            } finally {
                rs2_delete_sensor(sensor);
            }
        });
    }

    private static float booleanValue(Control c, Object value) throws ControlException {
        if (value instanceof Boolean b) {
            return b ? 1f : 0f;
        }
        if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.floatValue();
        }
        throw new ControlException(c.wireName, c.wireName + " must be true or false (got " + value + ")");
    }

    private static float numericValue(Control c, Object value, float[] range) throws ControlException {
        if (!(value instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
            throw new ControlException(c.wireName, c.wireName + " must be a number (got " + value + ")");
        }
        double v = n.doubleValue();
        float min = range[0], max = range[1], step = range[2];
        if (v < min || v > max) {
            throw new ControlException(c.wireName, c.wireName + " must be between " + format(min) + " and " + format(max)
                    + " (got " + format(v) + ")");
        }
        if (step > 0) {
            v = min + Math.round((v - min) / step) * (double) step;
            v = Math.min(max, v);
        }
        return (float) v;
    }

    private static ControlInfo info(rs2_sensor sensor, Control c) throws ControlException {
        float[] r = range(sensor, c);
        float current = readOption(sensor, c);
        if (c.bool) {
            return new ControlInfo(c.wireName, 0, 1, 1, r[3] != 0, current != 0);
        }
        return new ControlInfo(c.wireName, number(r[0]), number(r[1]), number(r[2]), number(r[3]), number(current));
    }

    private static Object value(Control c, float v) {
        return c.bool ? (Object) (v != 0) : number(v);
    }

    /** Whole numbers as Integer (exposure 8500, not 8500.0), others as Double. */
    static Number number(double v) {
        return v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE ? (Number) (int) v : (Number) v;
    }

    private static String format(double v) {
        return number(v).toString();
    }

    private static float[] range(rs2_sensor sensor, Control c) throws ControlException {
        float[] min = new float[1], max = new float[1], step = new float[1], def = new float[1];
        rs2_error e = error();
        rs2_get_option_range(options(sensor), c.option, min, max, step, def, e);
        rethrow(e, c);
        return new float[] {min[0], max[0], step[0], def[0]};
    }

    private static float readOption(rs2_sensor sensor, Control c) throws ControlException {
        rs2_error e = error();
        float v = rs2_get_option(options(sensor), c.option, e);
        rethrow(e, c);
        return v;
    }

    private static void rethrow(rs2_error e, Control c) throws ControlException {
        if (!e.isNull()) {
            String message = rs2_get_error_message(e).getString();
            rs2_free_error(e);
            throw new ControlException(c.wireName, c.wireName + ": " + message);
        }
    }

    private static rs2_options options(rs2_sensor sensor) {
        return new rs2_options(sensor);
    }

    /** The first sensor of {@code device} supporting {@code c} (caller deletes it), or null. */
    private static rs2_sensor sensorFor(rs2_device device, Control c) {
        rs2_error e = error();
        rs2_sensor_list list = rs2_query_sensors(device, e);
        check(e, "rs2_query_sensors");
        try {
            int count = rs2_get_sensors_count(list, e);
            check(e, "rs2_get_sensors_count");
            for (int i = 0; i < count; i++) {
                rs2_sensor sensor = rs2_create_sensor(list, i, e);
                check(e, "rs2_create_sensor");
                int supported = rs2_supports_option(new rs2_options(sensor), c.option, e);
                if (e.isNull() && supported != 0) {
                    return sensor;
                }
                if (!e.isNull()) {
                    rs2_free_error(e);
                    e = error();
                }
                rs2_delete_sensor(sensor);
            }
            return null;
        } finally {
            rs2_delete_sensor_list(list);
        }
    }
}
