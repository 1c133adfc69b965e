package dev.camrtc.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpShowsEveryDefault() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String s : new String[] {"--server", "Default: ws://127.0.0.1:8080", "--topics", "Default: demo",
                "--reliability", "Default: reliable", "--depth", "Default: 10", "--node-name",
                "Default: camrtc_ros_receiver", "--namespace", "--mjpeg-fallback", "--sender-name", "--sender-id"}) {
            assertTrue(help.contains(s), "help mentions " + s + ":\n" + help);
        }
    }

    @Test
    void aBadFlagIsOneLineAndExitTwoWithNothingStarted() {
        assertEquals(Main.EXIT_USAGE, run("--depth", "-3"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals("ros-receiver: --depth -3 is out of range 1..1000 (see --help)\n", e);
        assertEquals(Main.EXIT_USAGE, run("--no-such-flag"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option: '--no-such-flag'"));
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ros-") || t.getName().startsWith("rtc-events")).count(),
                "no receiver thread started");
    }
}
