package dev.camrtc.systemtests.sender;

import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The real Java sender, in process, streaming its test pattern (frames carry the frame stamp). */
public final class PatternSender implements AutoCloseable {

    private final RunningSender sender;

    private PatternSender(RunningSender sender) {
        this.sender = sender;
    }

    /**
     * Starts a sender called {@code name} against the server at {@code server} (http://host:port/).
     * {@code extraArgs} are sender command-line flags (e.g. {@code --mjpeg-port}); MJPEG is off unless given.
     */
    public static PatternSender start(URI server, String name, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server", "ws://" + server.getAuthority(), "--name", name));
        List<String> extra = List.of(extraArgs);
        if (extra.stream().noneMatch(a -> a.startsWith("--mjpeg-port"))) {
            args.addAll(List.of("--mjpeg-port", "0"));
        }
        args.addAll(extra);
        SenderConfig config = SenderConfig.parse(args.toArray(String[]::new));
        return new PatternSender(RunningSender.start(config, new TestPatternSource(TestPatternOptions.defaults(name))));
    }

    public RunningSender running() {
        return sender;
    }

    @Override
    public void close() {
        sender.close();
    }
}
