package dev.camrtc.sender;

import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.sender.cli.SenderOptions;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code java -jar sender.jar --server ws://127.0.0.1:8080 --name lab-cam}: validates every flag (a bad one
 * is one line on stderr, exit 2, nothing started), opens the camera, starts the sender and runs until
 * SIGTERM/Ctrl-C, then shuts down in order and exits (webrtc's native threads would keep the JVM alive).
 */
public final class Main {

    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the camera or the sender cannot start. */
    public static final int EXIT_START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
        Thread.currentThread().join(); // runs until the shutdown hook halts the JVM
    }

    /**
     * Parses and starts. Returns an exit status when the process should end now (help, version, bad
     * flag, failed start), or -1 after a shutdown hook was installed and the sender is running.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SenderOptions options = new SenderOptions();
        CommandLine cli = new CommandLine(options);
        SenderConfig config;
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
            config = SenderConfig.from(options);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            err.println("sender: " + oneLine(e.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        RunningSender sender;
        try {
            sender = RunningSender.start(config);
        } catch (CameraUnavailableException e) {
            err.println("sender: " + oneLine(e.getMessage()));
            return EXIT_START_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("sender: " + oneLine(e.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        } catch (IllegalStateException e) {
            err.println("sender: " + oneLine(e.getMessage()));
            return EXIT_START_FAILED;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            log.error("sender could not start", e);
            err.println("sender: could not start: " + oneLine(String.valueOf(e.getMessage())));
            return EXIT_START_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sender.close();
            } finally {
                Runtime.getRuntime().halt(0);
            }
        }, "sender-shutdown"));
        return -1;
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
