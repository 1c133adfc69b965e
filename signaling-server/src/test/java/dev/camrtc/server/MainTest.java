package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.server.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: every default in --help, one clear line for a bad flag, SIGTERM closes peers gracefully. */
class MainTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpShowsEveryDefault() {
        Run help = run("--help");
        assertEquals(0, help.status());
        String text = help.out().replaceAll("\\s+", " ");
        for (String expected : List.of("--host=ADDRESS Interface to listen on. Default: 0.0.0.0.",
                "--port=PORT TCP port (0 = any free port). Default: 8080.", "--token", "--tls-cert", "--tls-key",
                "--ice-server", "--turn-secret", "Default: 24h", "Default: 10s", "Default: 30s", "Default: 100",
                "Default: 200", "Default: 20000", "Default: 2s", "Default: none (open, unless --tokens is given)")) {
            assertTrue(text.contains(expected), "--help lacks '" + expected + "':\n" + help.out());
        }
        long options = help.out().lines().filter(l -> l.trim().startsWith("--")).count();
        long declared = Main.PROGRAM.commandLine(new ServerOptions()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).count();
        assertEquals(declared, options, help.out());
        assertEquals(options - 1, text.split("Default:", -1).length - 1,
                "every option but --print-config states its default:\n" + help.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=abc", "--port=70000", "--bogus", "--idle-timeout=5x", "--ice-server=http://x",
        "--tls-cert=/nonexistent/cert.pem|--tls-key=/nonexistent/key.pem", "--turn-secret=s", "--rate-limit=0",
        "--max-connections=-1", "--redis=localhost:6379", "--token=", "--tokens=/nonexistent/tokens.yaml", "--tokens=pom.xml", "--allowed-origin=lab.example", "--max-queued-bytes=1000"})
    void aBadFlagExitsWithOneLineAndStartsNothing(String args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String[] argv = (args + "|--host=127.0.0.1|--port=" + port).split("\\|");
        if (args.startsWith("--port")) {
            argv = args.split("\\|");
        }
        Run bad = run(argv);
        assertEquals(2, bad.status(), bad.err());
        assertEquals(1, bad.err().lines().count(), "not one line: " + bad.err());
        assertTrue(bad.err().startsWith("signaling-server: "), bad.err());
        assertEquals("", bad.out());
        try (ServerSocket free = new ServerSocket(port)) {
            assertEquals(port, free.getLocalPort()); // nothing listens there
        }
    }

    @Test
    void aPortInUseExitsWith1AndOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run run = run("--host", "127.0.0.1", "--port", String.valueOf(busy.getLocalPort()));
            assertEquals(1, run.status(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    @Test
    void sigtermClosesEveryPeerWithACloseFrame() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dcamrtc.log.level=INFO", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
            int port = -1;
            long deadline = System.currentTimeMillis() + 60_000;
            for (String line = log.readLine(); line != null && System.currentTimeMillis() < deadline; line = log.readLine()) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            assertTrue(port > 0, "the server did not report its port");
            try (WsClient receiver = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/receiver"))) {
                assertEquals("registered", receiver.next().path("type").asText());
                process.destroy(); // SIGTERM
                assertEquals(1001, receiver.awaitClose(Duration.ofSeconds(20)));
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server did not exit after SIGTERM");
        } finally {
            process.destroyForcibly();
        }
    }
}
