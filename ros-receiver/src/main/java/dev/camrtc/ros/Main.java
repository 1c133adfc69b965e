package dev.camrtc.ros;

import dev.camrtc.ros.config.ReceiverConfig;
import dev.camrtc.media.natives.JavaCppLogging;
import dev.camrtc.program.ProgramMain;
import dev.camrtc.ros.cli.ReceiverCommandLine;
import dev.camrtc.ros.cli.ReceiverOptions;
import dev.camrtc.dds.RosGraphException;
import dev.camrtc.ros.session.SessionTimings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code java -jar ros-receiver.jar --server ws://host:8080 --sender-name lab-cam} (or {@code --config FILE}):
 * validates every setting (a bad one is one line on stderr, exit 2, nothing started), joins the ROS 2 graph,
 * receives and publishes until SIGTERM/Ctrl-C, then shuts down in order and exits (libwebrtc's native threads
 * would keep the JVM alive). Several senders online and none chosen: lists them, exit 3.
 */
public final class Main {
    public static final int EXIT_USAGE = ProgramMain.EXIT_USAGE;
    public static final int EXIT_START_FAILED = ProgramMain.EXIT_START_FAILED;
    public static final int EXIT_AMBIGUOUS = 3;

    /** The receiver's command line (also used to generate its reference config file). */
    public static final ProgramMain<ReceiverOptions, ReceiverConfig> PROGRAM = ProgramMain.of("ros-receiver",
            ReceiverOptions::new, ReceiverCommandLine::from,
            (config, exit) -> RosReceiver.start(config, SessionTimings.defaults(),
                    message -> exit.now(EXIT_AMBIGUOUS, message)))
            .expectedFailures(RosGraphException.class);

    /** What the reference config file says about where it is installed and who reads it. */
    public static final List<String> CONFIG_FILE_ABOUT = List.of(
            "Installed as /etc/camrtc/ros-receiver.yaml, an example: the service camrtc-ros-receiver@NAME reads",
            "/etc/camrtc/ros-receiver-NAME.yaml (one copy of this file per received sender).");

    private Main() {
    }

    public static void main(String[] args) {
        JavaCppLogging.toSlf4j();
        PROGRAM.main(args);
    }

    /** Returns an exit status when the process should end now, or -1 while the receiver runs. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return PROGRAM.run(args, new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8));
    }
}
