package dev.camrtc.sender.camera.realsense;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops exactly one log line, JavaCPP's "Versions of org.bytedeco:javacpp:1.5.13 and
 * org.bytedeco:librealsense2:2.53.1-1.5.9 do not match." (with {@code -Dorg.bytedeco.javacpp.logger=slf4j},
 * see {@link dev.camrtc.media.natives.JavaCppLogging}), which every sender start printed although nothing is wrong:
 * <ul>
 *   <li>2.53.1-1.5.9 is the newest librealsense2 build on the registry (none exists for JavaCPP 1.5.10 and
 *       later), and the rest of Bytedeco (OpenCV, FFmpeg) must stay on 1.5.13 together with JavaCPP;</li>
 *   <li>the check ({@code Loader.checkVersion}) only compares the version strings of the two jars: the
 *       presets' JNI glue uses the JavaCPP runtime API ({@code Pointer}, {@code Loader}, {@code PointerPointer}),
 *       which 1.5.13 still provides unchanged;</li>
 *   <li>this exact pair runs the real librealsense2 code in the tests: context, software device, recording
 *       and playing back .bag files through the pipeline, bit-exact frames (RealSense*Test).</li>
 * </ul>
 * Only this artifact and version are matched: a different librealsense2 build, or any other JavaCPP warning,
 * is logged as before. Installed by the sender's {@code logback.xml}.
 */
public final class HarmlessVersionWarning extends TurboFilter {

    static final String LOGGER = "org.bytedeco.javacpp.Loader";
    static final String PREFIX = "Versions of org.bytedeco:javacpp:";
    static final String ARTIFACT = " and org.bytedeco:librealsense2:2.53.1-1.5.9 do not match.";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format != null && level == Level.WARN && logger.getName().equals(LOGGER) && format.startsWith(PREFIX)
                && format.endsWith(ARTIFACT)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
