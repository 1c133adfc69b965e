package dev.camrtc.systemtests.aiortc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/aiortc_receiver.py} (a third-party receiver written with Debian's
 * python3-aiortc) as a subprocess with a bounded run time and collects its per-stream JSON summaries.
 */
final class AiortcReceiver {

    /** Debian's interpreter: python3-aiortc lives there, and a pyenv python3 on PATH would not have it. */
    static final String PYTHON = "/usr/bin/python3";
    static final Path SCRIPT = Path.of("src/test/python/aiortc_receiver.py");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The script's outcome: exit status and one summary per stream, by stream name. */
    record Result(int exitCode, Map<String, JsonNode> streams, List<String> output) { }

    private AiortcReceiver() {
    }

    /**
     * Runs the script against the server at {@code server} (http://host:port/) for the sender named
     * {@code sender}, asking for {@code streams} (empty = all), measuring {@code seconds} after a 1 s
     * warm-up; the process is killed after {@code limit}.
     */
    static Result run(URI server, String sender, List<String> streams, double seconds, Duration limit)
            throws IOException, InterruptedException {
        return run(server, sender, streams, List.of(), seconds, limit);
    }

    /** As {@link #run(URI, String, List, double, Duration)}, with more script options (e.g. {@code --depth-pattern}). */
    static Result run(URI server, String sender, List<String> streams, List<String> options, double seconds,
            Duration limit) throws IOException, InterruptedException {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("missing " + SCRIPT.toAbsolutePath());
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(),
                "--server", "ws://" + server.getAuthority(), "--sender", sender,
                "--warmup", "1", "--seconds", String.valueOf(seconds), "--timeout", "10"));
        command.addAll(options);
        if (!streams.isEmpty()) {
            command.add("--streams");
            command.addAll(streams);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process was killed: what was read so far is the result
            }
        }, "aiortc-receiver-stdout");
        reader.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            reader.join(2000);
            throw new AssertionError("aiortc receiver did not finish within " + limit + "; output: " + lines);
        }
        reader.join(2000);
        Map<String, JsonNode> byStream = new LinkedHashMap<>();
        synchronized (lines) {
            for (String line : lines) {
                JsonNode summary = JSON.readTree(line);
                byStream.put(summary.path("stream").asText(), summary);
            }
            return new Result(process.exitValue(), byStream, List.copyOf(lines));
        }
    }
}
