package dev.camrtc.server;

import dev.camrtc.server.cli.ServerOptions;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * {@code java -jar signaling-server.jar --host 127.0.0.1 --port 8080}: starts the server and stops it
 * gracefully on SIGTERM / Ctrl-C. A bad flag exits with status 2 and one line on stderr, starting nothing;
 * a server that cannot start exits with status 1.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Returns the exit status, or -1 when the server is running (then the JVM lives on until SIGTERM). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        ServerOptions options = new ServerOptions();
        CommandLine cli = new CommandLine(options);
        ServerConfig config;
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                return 0;
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return 0;
            }
            config = options.toConfig();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            err.println("signaling-server: " + oneLine(e.getMessage()) + " (see --help)");
            return 2;
        }
        SignalingServer server;
        try {
            server = SignalingServer.start(config);
        } catch (IllegalStateException e) {
            err.println("signaling-server: " + oneLine(e.getMessage()));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "signaling-shutdown"));
        return -1;
    }

    private static String oneLine(String message) {
        return message == null ? "invalid arguments" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
