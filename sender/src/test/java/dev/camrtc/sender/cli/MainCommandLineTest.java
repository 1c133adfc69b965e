package dev.camrtc.sender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.sender.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The sender's command line as a user meets it: help, and one clear line for a bad start. */
class MainCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpShowsEveryFlagAndItsDefault() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (OptionSpec o : new CommandLine(new SenderOptions()).getCommandSpec().options()) {
            assertTrue(help.contains(o.longestName()), "help lists " + o.longestName());
        }
        for (String d : new String[] {"Default: ws://127.0.0.1:8080", "Default: auto", "Default: H264", "Default: 4000",
                "Default: 1500", "Default: 8000", "Default: 640x480x30", "Default: 0.0.0.0", "Default: 80"}) {
            assertTrue(help.contains(d), "help shows " + d);
        }
        assertEquals("", err());
    }

    @Test
    void aBadFlagIsOneLineAndExitStatusTwo() {
        assertEquals(Main.EXIT_USAGE, run("--server", "ws://127.0.0.1:8080", "--bogus"));
        String e = err();
        assertTrue(e.startsWith("sender: ") && e.contains("--bogus"), e);
        assertEquals(1, e.strip().lines().count(), e);
    }

    @Test
    void aBadValueIsOneLineAndExitStatusTwo() {
        assertEquals(Main.EXIT_USAGE, run("--codec", "mpeg2"));
        assertEquals(1, err().strip().lines().count(), err());
        assertTrue(err().contains("--codec"), err());
    }

    @Test
    void anUnknownSourceIsOneLineAndExitStatusTwo() {
        assertEquals(Main.EXIT_USAGE, run("--source", "camera:front", "--mjpeg-port", "0"));
        assertTrue(err().contains("camera:front") && err().contains("testpattern"), err());
        assertEquals(1, err().strip().lines().count(), err());
    }

    @Test
    void alignDepthWithoutDepthOrOnTheTestPatternIsOneLineAndExitStatusTwo() {
        assertEquals(Main.EXIT_USAGE, run("--source", "testpattern", "--align-depth", "--mjpeg-port", "0"));
        assertTrue(err().contains("--align-depth") && err().contains("--enable-depth"), err());
        assertEquals(1, err().strip().lines().count(), err());
        err.reset();
        assertEquals(Main.EXIT_USAGE, run("--source", "testpattern", "--enable-depth", "--align-depth",
                "--mjpeg-port", "0", "--server", "ws://127.0.0.1:1"));
        assertTrue(err().contains("--align-depth works only with a RealSense"), err());
        assertEquals(1, err().strip().lines().count(), err());
    }

    @Test
    void aBusyMjpegPortIsOneLineAndStartsNothing() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int threadsBefore = Thread.activeCount();
            assertEquals(Main.EXIT_START_FAILED, run("--source", "testpattern", "--mjpeg-bind", "127.0.0.1",
                    "--mjpeg-port", String.valueOf(busy.getLocalPort()), "--server", "ws://127.0.0.1:1"));
            assertTrue(err().contains(String.valueOf(busy.getLocalPort())), err());
            assertEquals(1, err().strip().lines().count(), err());
            Thread.sleep(200);
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("test-pattern") || t.getName().startsWith("sender-sessions")),
                    "the camera thread was stopped again");
            assertTrue(Thread.activeCount() <= threadsBefore + 8, threadsBefore + " -> " + Thread.activeCount());
        }
    }

    @Test
    void aBadValueInTheConfigFileNamesTheFileTheLineAndTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sender-front.yaml");
        Files.writeString(file, "name: front\nmjpeg-port: 0\ncodec: mpeg2\n");
        assertEquals(Main.EXIT_USAGE, run("--config", file.toString()));
        assertTrue(err().startsWith("sender: " + file + " line 3: key 'codec': "), err());
        assertEquals(1, err().strip().lines().count(), err());
    }

    @Test
    void printConfigShowsTheFileTheFlagsAndTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sender-front.yaml");
        Files.writeString(file, "name: front\ncodec: H264\n");
        assertEquals(0, run("--config", file.toString(), "--codec", "VP9", "--print-config"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("\nname: front\n") && printed.contains("\ncodec: VP9\n")
                && printed.contains("\nmjpeg-port: 8000\n") && printed.contains("\nsource: auto\n"), printed);
        assertEquals("", err());
    }
}
