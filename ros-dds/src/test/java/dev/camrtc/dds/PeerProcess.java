package dev.camrtc.dds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A running test peer whose stdout lines are collected; closing it kills the process. */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    /** Every line printed so far; guarded by itself, notified on each new line. */
    private final List<String> all = new ArrayList<>();
    /** Per prefix, the index after the last line {@link #await} returned for it; guarded by {@code all}. */
    private final Map<String, Integer> cursors = new HashMap<>();
    private final Thread reader;

    public PeerProcess(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        process = pb.start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (all) {
                        all.add(line);
                        all.notifyAll();
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }, "peer-" + command.get(0));
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The next line starting with {@code prefix} that no earlier call for the same prefix returned;
     * fails after {@code timeout}. Lines of other prefixes are never consumed, so a peer may print
     * them in any order (e.g. MATCHED before READY when the writer was already there).
     */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (all) {
            int from = cursors.getOrDefault(prefix, 0);
            while (true) {
                for (int i = from; i < all.size(); i++) {
                    if (all.get(i).startsWith(prefix)) {
                        cursors.put(prefix, i + 1);
                        return all.get(i);
                    }
                }
                from = all.size();
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("peer printed no '" + prefix + "' line within " + timeout + "; output: " + all);
                }
                TimeUnit.NANOSECONDS.timedWait(all, left);
            }
        }
    }

    /** Waits for the process to end by itself, then returns every line it printed. */
    public List<String> finish(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("peer did not finish within " + timeout + "; output: " + output());
        }
        reader.join(2000);
        return output();
    }

    /** Every line printed so far. */
    public List<String> output() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Parses {@code key=value} fields of a peer line. */
    public static Map<String, String> fields(String line) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
