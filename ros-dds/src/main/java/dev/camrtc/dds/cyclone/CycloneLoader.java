package dev.camrtc.dds.cyclone;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.camrtc.dds.Defaults;
import dev.camrtc.dds.RosGraphException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and loads Cyclone DDS's {@code libddsc}: first the explicit path (option or
 * {@value Defaults#LIBRARY_ENV}), then the Debian soname {@code libddsc.so.0debian}, then the
 * {@code libddsc.so.0} of a ROS 2 install under {@code /opt/ros/<distro>/lib/x86_64-linux-gnu}.
 *
 * <p>The topic descriptors built in Java follow the {@code dds_topic_descriptor_t} layout and
 * op codes of Cyclone 0.10.x, so any other version is refused: the version is read from the
 * name of the library file the soname resolves to ({@code libddsc.so.0.10.2}).
 */
final class CycloneLoader {
    private static final Pattern VERSION = Pattern.compile("libddsc\\.so\\.(\\d+)\\.(\\d+)\\.(\\d+)$");

    private CycloneLoader() {
    }

    /** The loaded library and the version it was verified as. */
    record Loaded(CycloneLibrary lib, String file, String version) {
    }

    static Loaded load(String explicitPath) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates(explicitPath)) {
            tried.add(candidate);
            NativeLibrary nativeLibrary;
            try {
                nativeLibrary = NativeLibrary.getInstance(candidate);
            } catch (UnsatisfiedLinkError e) {
                if (explicitPath != null && !explicitPath.isBlank() && candidate.equals(explicitPath)) {
                    throw new RosGraphException("cannot load Cyclone DDS library '" + explicitPath
                            + "' given by --dds-library/" + Defaults.LIBRARY_ENV + ": " + e.getMessage());
                }
                continue;
            }
            String file = nativeLibrary.getFile() == null ? candidate : nativeLibrary.getFile().getPath();
            String version = versionOf(file);
            if (version == null || !version.startsWith(Defaults.VERIFIED_CYCLONE_SERIES)) {
                throw new RosGraphException("Cyclone DDS library " + file + " is version "
                        + (version == null ? "unknown (file name carries no x.y.z)" : version)
                        + "; this bridge's type descriptors are verified for " + Defaults.VERIFIED_CYCLONE_SERIES
                        + "x only. Install Debian's libddsc0debian (0.10.x) or ros-<distro>-cyclonedds, or point "
                        + Defaults.LIBRARY_ENV + " at a libddsc.so.0.10.x");
            }
            CycloneLibrary lib = Native.load(candidate, CycloneLibrary.class);
            return new Loaded(lib, file, version);
        }
        throw new RosGraphException("Cyclone DDS library not found (tried " + String.join(", ", tried)
                + "). Install it: 'sudo apt-get install libddsc0debian' on Debian/Ubuntu, or source a ROS 2 install "
                + "that has ros-<distro>-cyclonedds, or set " + Defaults.LIBRARY_ENV + " to the path of libddsc.so");
    }

    private static List<String> candidates(String explicitPath) {
        List<String> out = new ArrayList<>();
        String env = System.getenv(Defaults.LIBRARY_ENV);
        if (explicitPath != null && !explicitPath.isBlank()) {
            out.add(explicitPath);
        } else if (env != null && !env.isBlank()) {
            out.add(env);
        }
        String debian = locate(Defaults.DEBIAN_SONAME);
        out.add(debian == null ? Defaults.DEBIAN_SONAME : debian);
        File rosRoot = new File(Defaults.ROS_INSTALL_ROOT);
        String[] distros = rosRoot.list();
        if (distros != null) {
            java.util.Arrays.sort(distros);
            for (String distro : distros) {
                Path lib = rosRoot.toPath().resolve(distro).resolve(Defaults.ROS_LIBRARY_SUBPATH);
                if (Files.exists(lib)) {
                    out.add(lib.toString());
                }
            }
        }
        return out;
    }

    /**
     * Absolute path of a soname in LD_LIBRARY_PATH or the standard library directories (JNA would
     * rewrite a bare {@code libddsc.so.0debian} into another file name); null if absent.
     */
    static String locate(String soname) {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        dirs.addAll(List.of("/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib", "/lib"));
        for (String dir : dirs) {
            if (!dir.isBlank() && Files.exists(Path.of(dir, soname))) {
                return Path.of(dir, soname).toString();
            }
        }
        return null;
    }

    /** The x.y.z of a path like {@code /usr/lib/.../libddsc.so.0.10.2}, following symlinks; null if absent. */
    static String versionOf(String file) {
        String name = file;
        try {
            name = Path.of(file).toRealPath().getFileName().toString();
        } catch (Exception e) {
            // keep the name we have
        }
        Matcher m = VERSION.matcher(name);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }
}
