package dev.camrtc.server.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the {@code --tokens} file: checks its modification time and size every {@link #CHECK_INTERVAL}
 * (polling works for editors that replace the file and for mounted secrets, where file events do not);
 * a changed, valid file replaces the tokens and {@code onReload} reviews the open connections. An invalid
 * file is reported once and the tokens in force stay as they are.
 */
public final class TokenReloader implements AutoCloseable {

    /** How often the tokens file is checked for changes. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(TokenReloader.class);

    private final Path file;
    private final AccessGuard guard;
    private final Consumer<TokenTable> onReload;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signaling-tokens");
        t.setDaemon(true);
        return t;
    });
    private String seen;

    /** Reads the file now (throwing {@link IllegalArgumentException} when invalid), then watches it. */
    public TokenReloader(Path file, AccessGuard guard, Consumer<TokenTable> onReload) {
        this.file = file;
        this.guard = guard;
        this.onReload = onReload;
        this.seen = stamp();
        TokenTable first = TokenFile.read(file);
        guard.replaceFileTokens(first);
        LOG.info("{} token(s) from {}", first.size(), file);
        long ms = CHECK_INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    private String stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    private void check() {
        String now = stamp();
        if (now.equals(seen)) {
            return;
        }
        seen = now;
        try {
            TokenTable table = TokenFile.read(file);
            guard.replaceFileTokens(table);
            LOG.info("tokens file {} changed: {} token(s) now", file, table.size());
            onReload.accept(guard.table());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; keeping the tokens in force", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("reviewing connections after a tokens reload failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
