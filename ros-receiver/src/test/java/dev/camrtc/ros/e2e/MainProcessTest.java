package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.SignalingClient;
import dev.camrtc.protocol.client.SignalingOptions;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The receiver as its own process ({@code dev.camrtc.ros.Main}): SIGTERM shutdown and the ambiguous-choice exit. */
@Tag("media")
class MainProcessTest {

    private static Process start(RosFixture fixture, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx256m", "-Dcamrtc.log.level=INFO", "-cp", System.getProperty("java.class.path"),
                "dev.camrtc.ros.Main", "--server", fixture.serverUrl(), "--domain-id", Integer.toString(fixture.domain),
                "--dds-config", RosFixture.LO_ONLY));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLog(Process p, Path log, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > end || !p.isAlive()) {
                throw new AssertionError("no '" + text + "' in the receiver's log:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void sigtermClosesPeerEngineAndNodeThenExitsZero() throws Exception {
        Path log = Files.createTempFile("ros-receiver", ".log");
        try (RosFixture fixture = new RosFixture(55)) {
            Process p = start(fixture, log, "--sender-name", "nobody", "--node-name", "sigterm_receiver");
            try {
                awaitLog(p, log, "no sender online; waiting for sender named 'nobody'");
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exited after SIGTERM");
                assertEquals(0, p.exitValue());
                String out = Files.readString(log);
                assertTrue(out.contains("/sigterm_receiver: left ROS 2 domain 55"), out);
                assertTrue(out.contains("ROS receiver stopped"), out);
            } finally {
                p.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void severalSendersAndNoChoiceListsThemAndExitsThree() throws Exception {
        Path log = Files.createTempFile("ros-receiver", ".log");
        List<StreamDescription> streams = List.of(new StreamDescription("color", 640, 480, 30, "bgr8"));
        try (RosFixture fixture = new RosFixture(56);
             SignalingClient a = SignalingClient.connect(SignalingOptions.sender(URI.create(fixture.serverUrl()),
                     "cam-a", null), m -> { });
             SignalingClient b = SignalingClient.connect(SignalingOptions.sender(URI.create(fixture.serverUrl()),
                     "cam-b", null), m -> { })) {
            a.send(new Announce("cam-a", streams, null)).get();
            b.send(new Announce("cam-b", streams, null)).get();
            Process p = start(fixture, log);
            try {
                assertTrue(p.waitFor(40, TimeUnit.SECONDS), "exited by itself");
                String out = Files.readString(log);
                assertEquals(3, p.exitValue(), out);
                assertTrue(out.contains("ros-receiver: several senders are online; choose one with --sender-id or "
                        + "--sender-name:"), out);
                assertTrue(out.contains("  " + a.id() + "  cam-a  color 640x480@30"), out);
                assertTrue(out.contains("  " + b.id() + "  cam-b  color 640x480@30"), out);
            } finally {
                p.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
