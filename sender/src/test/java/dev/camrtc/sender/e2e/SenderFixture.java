package dev.camrtc.sender.e2e;

import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.sources.CameraSources;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real signaling server and a real test-pattern sender in this process, plus a receiver-side
 * {@link RtcEngine} for {@link TestReceiver}s. Close it to stop everything (receivers first).
 */
public final class SenderFixture implements AutoCloseable {

    public static final String NAME = "e2e-cam";

    private SignalingServer server;
    private final int port;
    private final RunningSender sender;
    private final RtcEngine receiverEngine;
    private final List<TestReceiver> receivers = new ArrayList<>();

    private SenderFixture(SignalingServer server, RunningSender sender, RtcEngine receiverEngine) {
        this.server = server;
        this.port = server.port();
        this.sender = sender;
        this.receiverEngine = receiverEngine;
    }

    /**
     * Starts a server on 127.0.0.1 (free port) and a sender with {@code extraArgs} added to its flags (MJPEG is
     * off unless they contain {@code --mjpeg-port}).
     */
    public static SenderFixture start(String... extraArgs) {
        return start(config -> new TestPatternSource(TestPatternOptions.defaults(NAME)
                .withDepth(config.sourceOptions().enableDepth())), extraArgs);
    }

    /** Like {@link #start(String...)}, but the sender opens the camera its flags name ({@code --source}), as Main does. */
    public static SenderFixture startWithSourceFlags(String... extraArgs) {
        return start(config -> CameraSources.open(config.source(), config.sourceOptions()), extraArgs);
    }

    private static SenderFixture start(Function<SenderConfig, CameraSource> camera, String... extraArgs) {
        SignalingServer server = startServer(0);
        RunningSender sender = null;
        try {
            // MJPEG stays off unless the test asks for it with its own --mjpeg-port
            Stream<String> mjpeg = List.of(extraArgs).contains("--mjpeg-port") ? Stream.of() : Stream.of("--mjpeg-port", "0");
            String[] args = Stream.of(Stream.of("--server", "ws://127.0.0.1:" + server.port(), "--name", NAME), mjpeg,
                    Stream.of(extraArgs)).flatMap(s -> s).toArray(String[]::new);
            SenderConfig config = SenderConfig.parse(args);
            sender = RunningSender.start(config, camera.apply(config));
            return new SenderFixture(server, sender, new RtcEngine());
        } catch (RuntimeException e) {
            if (sender != null) {
                sender.close();
            }
            server.close();
            throw e;
        }
    }

    static SignalingServer startServer(int port) {
        return SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(port).build());
    }

    public URI serverUri() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    public SignalingServer server() {
        return server;
    }

    public RtcEngine receiverEngine() {
        return receiverEngine;
    }

    public RunningSender sender() {
        return sender;
    }

    /** Stops the signaling server (clients see their connection drop). */
    public void stopServer() {
        server.close();
    }

    /** Starts the signaling server again on the same port. */
    public void restartServer() {
        server = startServer(port);
    }

    /** A new receiver (non-trickle answers), closed with the fixture. */
    public TestReceiver receiver() throws Exception {
        return receiver(false);
    }

    /** A new receiver, closed with the fixture. */
    public TestReceiver receiver(boolean trickle) throws Exception {
        TestReceiver r = TestReceiver.connect(serverUri(), null, receiverEngine, trickle);
        receivers.add(r);
        return r;
    }

    /** A new receiver that has seen this fixture's sender announce itself. */
    public SenderInfo awaitSender(TestReceiver r) throws InterruptedException {
        return r.awaitSender(NAME, Duration.ofSeconds(10));
    }

    /** Waits until the sender holds {@code n} sessions (orphans included). */
    public void awaitSessions(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sender.signaling().sessionCount() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sender holds " + sender.signaling().sessionCount() + " sessions, expected "
                        + n + " within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code n} sessions send {@code stream} (a closing session releases it after its peer closed). */
    public void awaitUsers(String stream, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sender.streams().users(stream) != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sender.streams().users(stream) + " sessions send " + stream + ", expected "
                        + n + " within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        receivers.forEach(TestReceiver::close);
        sender.close();
        receiverEngine.close();
        server.close();
    }
}
