package dev.camrtc.ros;

import dev.camrtc.ros.cli.ReceiverConfig;
import dev.camrtc.ros.cli.ReceiverOptions;
import dev.camrtc.ros.dds.RosGraphException;
import dev.camrtc.ros.session.SessionTimings;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code java -jar ros-receiver.jar --server ws://host:8080 --sender-name lab-cam}: validates every flag (a
 * bad one is one line on stderr, exit 2, nothing started), joins the ROS 2 graph, receives and publishes
 * until SIGTERM/Ctrl-C, then shuts down in order and exits (libwebrtc's native threads would keep the JVM
 * alive). Several senders online and none chosen: lists them, exit 3.
 */
public final class Main {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_AMBIGUOUS = 3;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
        Thread.currentThread().join(); // until the shutdown hook or the fatal handler halts the JVM
    }

    /** Returns an exit status when the process should end now, or -1 while the receiver runs. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ReceiverOptions options = new ReceiverOptions();
        CommandLine cli = new CommandLine(options);
        ReceiverConfig config;
        try {
            cli.parseArgs(args);
            if (cli.isUsageHelpRequested()) {
                cli.usage(out);
                return 0;
            }
            if (cli.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return 0;
            }
            config = ReceiverConfig.from(options);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            err.println("ros-receiver: " + oneLine(e.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        RosReceiver[] receiver = new RosReceiver[1];
        try {
            RosReceiver started = RosReceiver.start(config, SessionTimings.defaults(), message -> {
                err.println("ros-receiver: " + message);
                new Thread(() -> {
                    try {
                        synchronized (receiver) {
                            if (receiver[0] != null) {
                                receiver[0].close();
                            }
                        }
                    } finally {
                        Runtime.getRuntime().halt(EXIT_AMBIGUOUS);
                    }
                }, "ros-receiver-exit").start();
            });
            synchronized (receiver) {
                receiver[0] = started;
            }
        } catch (RosGraphException | IllegalArgumentException e) {
            err.println("ros-receiver: " + oneLine(e.getMessage()));
            return EXIT_START_FAILED;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            log.error("ros-receiver could not start", e);
            err.println("ros-receiver: could not start: " + oneLine(String.valueOf(e.getMessage())));
            return EXIT_START_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                receiver[0].close();
            } finally {
                Runtime.getRuntime().halt(0);
            }
        }, "ros-receiver-shutdown"));
        return -1;
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
