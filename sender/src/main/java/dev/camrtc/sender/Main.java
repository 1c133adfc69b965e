package dev.camrtc.sender;

import dev.camrtc.media.natives.JavaCppLogging;
import dev.camrtc.program.ProgramMain;
import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.sender.cli.SenderOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code java -jar sender.jar --server ws://127.0.0.1:8080 --name lab-cam} (or {@code --config FILE}): validates
 * every setting (a bad one is one line on stderr, exit 2, nothing started), opens the camera, starts the sender
 * and runs until SIGTERM/Ctrl-C, then shuts down in order and exits (webrtc's native threads would keep the JVM
 * alive).
 */
public final class Main {

    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = ProgramMain.EXIT_USAGE;
    /** Exit status when the camera or the sender cannot start. */
    public static final int EXIT_START_FAILED = ProgramMain.EXIT_START_FAILED;

    /** The sender's command line (also used to generate its reference config file). */
    public static final ProgramMain<SenderOptions, SenderConfig> PROGRAM = ProgramMain.of("sender",
            SenderOptions::new, SenderConfig::from, (config, exit) -> RunningSender.start(config))
            .expectedFailures(CameraUnavailableException.class);

    /** What the reference config file says about where it is installed and who reads it. */
    public static final List<String> CONFIG_FILE_ABOUT = List.of(
            "Installed as /etc/camrtc/sender.yaml, an example: the service camrtc-sender@NAME reads",
            "/etc/camrtc/sender-NAME.yaml (one copy of this file per camera).");

    private Main() {
    }

    public static void main(String[] args) {
        JavaCppLogging.toSlf4j();
        PROGRAM.main(args);
    }

    /**
     * Parses and starts. Returns an exit status when the process should end now (help, version, bad
     * flag, failed start), or -1 after a shutdown hook was installed and the sender is running.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return PROGRAM.run(args, new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8));
    }
}
