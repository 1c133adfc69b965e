package dev.camrtc.sender.sfu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away Janus from Debian's {@code janus} package for tests: its configuration is written into a temp
 * directory (HTTP API on 127.0.0.1 at a free port, only the VideoRoom plugin and the HTTP transport), started with
 * {@code janus -F DIR}, and killed and deleted at {@link #close()}. {@link #stop()} and {@link #start()} restart it on
 * the same port. Its last output lines are kept for failure messages.
 */
public final class JanusProcess implements AutoCloseable {

    private static final String LIB = "/usr/lib/x86_64-linux-gnu/janus";
    private static final List<String> PLUGINS_OFF = List.of("sip", "nosip", "audiobridge", "textroom", "lua", "duktape",
            "streaming", "videocall", "echotest", "voicemail", "recordplay");
    private static final List<String> TRANSPORTS_OFF = List.of("rabbitmq", "mqtt", "nanomsg", "pfunix", "websockets");

    private final Path dir;
    private final int port;
    private final Deque<String> output = new ArrayDeque<>();
    private Process process;

    private JanusProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Writes the configuration and starts Janus; returns once it answers {@code info}. */
    public static JanusProcess start(String label) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/janus"))) {
            throw new IllegalStateException("Janus is not installed: apt-get install janus (scripts/test.sh does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        JanusProcess j = new JanusProcess(Files.createTempDirectory("janus-" + label + "-"), port);
        j.writeConfig();
        j.start();
        return j;
    }

    /** The HTTP API base, e.g. {@code http://127.0.0.1:41234/janus}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/janus");
    }

    private void writeConfig() throws IOException {
        String off = String.join(",", PLUGINS_OFF.stream().map(p -> "libjanus_" + p + ".so").toList());
        String transportsOff = String.join(",", TRANSPORTS_OFF.stream().map(p -> "libjanus_" + p + ".so").toList());
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                  configs_folder = "%s"
                  plugins_folder = "%s/plugins"
                  transports_folder = "%s/transports"
                  events_folder = "%s/events"
                  loggers_folder = "%s/loggers"
                  debug_level = 3
                  session_timeout = 60
                }
                nat: { ice_ignore_list = "vmnet" }
                plugins: { disable = "%s" }
                transports: { disable = "%s" }
                loggers: { disable = "libjanus_jsonlog.so" }
                events: { broadcast = false }
                """.formatted(dir, LIB, LIB, LIB, LIB, off, transportsOff));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), """
                general: {
                  json = "plain"
                  base_path = "/janus"
                  http = true
                  port = %d
                  ip = "127.0.0.1"
                  https = false
                }
                admin: { admin_http = false }
                """.formatted(port));
        Files.writeString(dir.resolve("janus.plugin.videoroom.jcfg"), "general: {\n}\n");
    }

    /** Starts Janus (again) on the same port; returns once it answers, or throws after 10 s. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder("/usr/bin/janus", "-F", dir.toString(), "-o", "--log-stdout")
                .redirectErrorStream(true).start();
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > 200) {
                            output.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // Janus ended
            }
        }, "janus-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "does not answer within 10 s" : "exited with " + process.exitValue();
                stop();
                throw new IllegalStateException("Janus " + why + "; output: " + output());
            }
            Thread.sleep(100);
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) uri().toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.getOutputStream().write("{\"janus\":\"info\",\"transaction\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            boolean ok = c.getResponseCode() == 200;
            c.disconnect();
            return ok;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills Janus (SIGKILL: like a crash, nothing is said to its clients) and waits for it to end. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** CPU seconds Janus has used so far (user + system, from /proc), 0 when it is not running. */
    public synchronized double cpuSeconds() throws IOException {
        if (process == null || !process.isAlive()) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in USER_HZ (100 on Linux)
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The last lines Janus printed. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
