package dev.camrtc.server;

import dev.camrtc.program.ProgramMain;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code java -jar signaling-server.jar --host 127.0.0.1 --port 8080} (or {@code --config FILE}): starts the
 * server and stops it gracefully on SIGTERM / Ctrl-C. A bad flag or config file exits with status 2 and one line
 * on stderr, starting nothing; a server that cannot start exits with status 1.
 */
public final class Main {

    /** The server's command line (also used to generate its reference config file). */
    public static final ProgramMain<ServerOptions, ServerConfig> PROGRAM = ProgramMain.of("signaling-server",
            ServerOptions::new, ServerOptions::toConfig, (config, exit) -> SignalingServer.start(config));

    /** What the reference config file says about where it is installed and who reads it. */
    public static final List<String> CONFIG_FILE_ABOUT = List.of(
            "Installed as /etc/camrtc/signaling-server.yaml, read by the camrtc-signaling service.");

    private Main() {
    }

    public static void main(String[] args) {
        PROGRAM.main(args);
    }

    /** Returns the exit status, or -1 when the server is running (then the JVM lives on until SIGTERM). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return PROGRAM.run(args, out, err);
    }
}
