package dev.camrtc.sender.camera.realsense;

import static org.bytedeco.librealsense2.global.realsense2.*;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.librealsense2.global.realsense2;
import org.bytedeco.librealsense2.rs2_error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that loads librealsense2. On a host without {@code /dev/bus/usb} (CI, containers) the
 * libusb embedded in Bytedeco's build fails to initialise and the next context creation crashes the JVM;
 * loading the system's {@code libusb-1.0.so.0} globally first avoids that (see the project notes).
 * Every class of this package calls {@link #load()} before its first librealsense call.
 */
public final class RealSenseNative {
    private static final Logger LOG = LoggerFactory.getLogger(RealSenseNative.class);
    /** RTLD_NOW | RTLD_GLOBAL. */
    private static final int OPEN_NOW_GLOBAL = 0x102;
    private static volatile String libraryPath;
    /** Held for the JVM's life: JNA closes a library whose NativeLibrary object is garbage collected. */
    private static NativeLibrary systemLibusb;

    private RealSenseNative() {
    }

    /** Loads libusb (globally) and librealsense2 once; returns the path of the loaded librealsense2. */
    public static synchronized String load() {
        if (libraryPath != null) {
            return libraryPath;
        }
        try {
            systemLibusb = NativeLibrary.getInstance("libusb-1.0.so.0", Map.of(Library.OPTION_OPEN_FLAGS, OPEN_NOW_GLOBAL));
        } catch (UnsatisfiedLinkError e) {
            if (!Files.isDirectory(Path.of("/dev/bus/usb"))) {
                throw new RealSenseException("librealsense2 needs the system libusb on a host without /dev/bus/usb:"
                        + " install it (Debian/Ubuntu: apt-get install libusb-1.0-0)");
            }
            LOG.debug("system libusb not found, using the one inside librealsense2: {}", e.getMessage());
        }
        Loader.load(realsense2.class);
        String path = Loader.getLoadedLibraries().entrySet().stream()
                .filter(e -> e.getKey().contains("realsense2") && !e.getKey().contains("jni"))
                .map(Map.Entry::getValue).findFirst().orElse("realsense2");
        rs2_error e = new rs2_error(null);
        int api = rs2_get_api_version(e);
        check(e, "rs2_get_api_version");
        LOG.debug("librealsense2 API {} loaded from {}", api, path);
        libraryPath = path;
        return path;
    }

    /** Throws {@link RealSenseException} (and frees the error) when {@code error} holds one. */
    static void check(rs2_error error, String call) {
        if (error != null && !error.isNull()) {
            String message = rs2_get_error_message(error).getString();
            rs2_free_error(error);
            error.setNull();
            throw new RealSenseException(call + ": " + message);
        }
    }

    /** A fresh, empty error slot for one call. */
    static rs2_error error() {
        return new rs2_error(null);
    }
}
