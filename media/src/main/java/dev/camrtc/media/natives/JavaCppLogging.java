package dev.camrtc.media.natives;

/**
 * JavaCPP (the Bytedeco loader of OpenCV, FFmpeg and librealsense2) prints its warnings straight to stderr
 * unless told to use SLF4J; then they are ordinary log lines with the program's format and levels.
 */
public final class JavaCppLogging {

    /** The system property JavaCPP's {@code org.bytedeco.javacpp.tools.Logger.create} reads. */
    public static final String PROPERTY = "org.bytedeco.javacpp.logger";

    private JavaCppLogging() {
    }

    /** Call before the first Bytedeco class loads (first thing in {@code main}); keeps an explicit setting. */
    public static void toSlf4j() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "slf4j");
        }
    }
}
