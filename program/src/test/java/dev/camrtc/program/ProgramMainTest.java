package dev.camrtc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared command line: flags, config file, their precedence, --print-config, and one line per error. */
class ProgramMainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static ProgramMain<DemoOptions, DemoOptions.Config> demo(ProgramMain.Starter<DemoOptions.Config> starter) {
        return ProgramMain.of("demo", DemoOptions::new, DemoOptions::toConfig, starter);
    }

    private static final ProgramMain<DemoOptions, DemoOptions.Config> DEMO = demo((config, exit) -> {
        throw new IllegalStateException("port " + config.port() + " is in use");
    });

    private int run(String... args) {
        return DEMO.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("demo.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsWithoutAFile() {
        DemoOptions.Config c = DEMO.configure();
        assertEquals(new DemoOptions.Config("0.0.0.0", 8080, null, List.of(), false, null, Duration.ofHours(24), Map.of()), c);
    }

    @Test
    void theFileSetsEveryKindOfKeyAndFlagsOverrideIt() throws IOException {
        Path f = file("""
                # a lab's settings
                host: 127.0.0.1
                port: 9000
                public-url: http://cam.lab:9000/
                ice-server: [stun:a.lab, "turn:b.lab?transport=udp"]
                always-on: true
                ttl: PT1H
                label: {room: "b-12", floor: 2}
                """);
        DemoOptions.Config fromFile = DEMO.configure("--config", f.toString());
        assertEquals(new DemoOptions.Config("127.0.0.1", 9000, "http://cam.lab:9000/",
                List.of("stun:a.lab", "turn:b.lab?transport=udp"), true, null, Duration.ofHours(1),
                Map.of("room", "b-12", "floor", "2")), fromFile);

        DemoOptions.Config overridden = DEMO.configure("--port", "9100", "--config", f.toString(),
                "--ice-server", "stun:c.lab", "--always-on=false", "--url=http://other/");
        assertEquals(9100, overridden.port(), "a flag beats the file, wherever --config stands");
        assertEquals(List.of("stun:c.lab"), overridden.iceServers(), "a list on the command line replaces the file's");
        assertFalse(overridden.alwaysOn(), "--flag=false switches off what the file switched on");
        assertEquals("http://other/", overridden.url(), "an alias on the command line overrides the file's key");
        assertEquals("127.0.0.1", overridden.host(), "what the command line does not name stays the file's");
    }

    @Test
    void repeatableOptionsTakeOneValueOrAList() throws IOException {
        assertEquals(List.of("stun:one"), DEMO.configure("--config", file("ice-server: stun:one\n").toString()).iceServers());
        assertEquals(List.of("stun:one", "stun:two"),
                DEMO.configure("--config", file("ice-server:\n  - stun:one\n  - stun:two\n").toString()).iceServers());
        assertEquals(List.of("x", "y"), DEMO.configure("--ice-server", "x", "--ice-server", "y").iceServers());
    }

    @Test
    void nullAndCommentsLeaveTheDefault() throws IOException {
        Path f = file("# nothing but comments\nhost:\nport: ~\nurl: \"\"\n");
        assertEquals(DEMO.configure(), DEMO.configure("--config", f.toString()));
        assertEquals(DEMO.configure(), DEMO.configure("--config", file("").toString()));
    }

    @Test
    void scalarsReachTheConverterAsWritten() throws IOException {
        assertEquals("0123", DEMO.configure("--config", file("url: 0123\n").toString()).url());
        assertEquals("true", DEMO.configure("--config", file("url: true\n").toString()).url());
    }

    @Test
    void anUnknownKeyNamesTheKeyTheLineAndTheFile() throws IOException {
        Path f = file("host: 127.0.0.1\nprot: 9000\n");
        assertEquals(ProgramMain.EXIT_USAGE, run("--config", f.toString()));
        assertEquals("demo: " + f + " line 2: unknown key 'prot' (did you mean 'port'?) (see --help)\n", err.toString());
        assertEquals("", out.toString());
        ConfigFileException e = assertThrows(ConfigFileException.class,
                () -> DEMO.configure("--config", file("zzzzzz: 1\n").toString()));
        assertTrue(e.getMessage().contains("unknown key 'zzzzzz' (the keys are the flags of --help"), e.getMessage());
    }

    @Test
    void aBadValueNamesTheKeyTheLineAndTheFile() throws IOException {
        Path notAnInt = file("host: h\n\nport: eighty\n");
        assertEquals(ProgramMain.EXIT_USAGE, run("--config", notAnInt.toString()));
        assertTrue(err.toString().startsWith("demo: " + notAnInt + " line 3: key 'port': Invalid value for option '--port'"),
                err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());

        ConfigFileException outOfRange = assertThrows(ConfigFileException.class,
                () -> DEMO.configure("--config", file("port: 70000\n").toString()));
        assertEquals(notAnInt + " line 1: key 'port': --port 70000 is out of range 1..65535", outOfRange.getMessage());

        IllegalArgumentException onTheCommandLine = assertThrows(IllegalArgumentException.class,
                () -> DEMO.configure("--port", "70000"));
        assertEquals("--port 70000 is out of range 1..65535", onTheCommandLine.getMessage());
    }

    @Test
    void aValueOfTheWrongShapeIsOneClearError() throws IOException {
        for (String[] c : new String[][] {
            {"port: [1, 2]\n", "line 1: key 'port' takes one value, not a list"},
            {"host: {a: 1}\n", "line 1: key 'host' takes one value, not a mapping"},
            {"always-on: maybe\n", "line 1: key 'always-on' must be true or false"},
            {"host: a\nhost: b\n", "line 2: key 'host' is given twice"},
            {"url: a\npublic-url: b\n", "line 2: key 'public-url' sets the same option as 'url'"},
            {"- just\n- a list\n", "line 1: expected 'key: value' lines at the top level"},
            {"config: other.yaml\n", "line 1: unknown key 'config'"},
            {"host: [unclosed\n", "not valid YAML"}}) {
            Path f = file(c[0]);
            ConfigFileException e = assertThrows(ConfigFileException.class, () -> DEMO.configure("--config", f.toString()));
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        ConfigFileException missing = assertThrows(ConfigFileException.class,
                () -> DEMO.configure("--config", dir.resolve("nope.yaml").toString()));
        assertEquals("config file " + dir.resolve("nope.yaml") + " does not exist", missing.getMessage());
    }

    @Test
    void printConfigShowsEveryKeyWithItsEffectiveValueAndReadsBackTheSame() throws IOException {
        Path f = file("port: 9000\nice-server: [\"stun:a b\"]\nalways-on: true\nlabel: {room: b12}\ntoken: s3cret\n");
        assertEquals(ProgramMain.EXIT_OK, run("--config", f.toString(), "--host", "10.0.0.1", "--print-config"));
        String printed = out.toString();
        assertEquals("""
                # effective configuration of demo (defaults, config file and command line)
                host: 10.0.0.1
                port: 9000
                url:
                ice-server:
                  - "stun:a b"
                always-on: true
                #token: (set, hidden)
                ttl: PT24H
                label:
                  room: b12
                """, printed);
        assertEquals("", err.toString());
        Path back = file(printed);
        DemoOptions.Config again = DEMO.configure("--config", back.toString());
        DemoOptions.Config first = DEMO.configure("--config", f.toString(), "--host", "10.0.0.1");
        assertEquals(first.port(), again.port());
        assertEquals(first.host(), again.host());
        assertEquals(first.iceServers(), again.iceServers());
        assertEquals(first.labels(), again.labels());
        assertNull(again.token(), "a hidden secret is left out");
    }

    @Test
    void printConfigRefusesABadConfiguration() throws IOException {
        assertEquals(ProgramMain.EXIT_USAGE, run("--config", file("port: 0\n").toString(), "--print-config"));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains("key 'port': --port 0 is out of range"), err.toString());
    }

    @Test
    void helpListsTheConfigOptionsAndWorksWithABrokenFile() throws IOException {
        assertEquals(ProgramMain.EXIT_OK, run("--config", file("nonsense: [").toString(), "--help"));
        assertTrue(out.toString().contains("--config=FILE") && out.toString().contains("--print-config"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void versionPrintsAndExitsZero() {
        assertEquals(ProgramMain.EXIT_OK, run("--version"));
        assertEquals("demo 1\n", out.toString());
    }

    @Test
    void aBadFlagIsOneLineWithStatusTwo() {
        assertEquals(ProgramMain.EXIT_USAGE, run("--hots"));
        assertTrue(err.toString().startsWith("demo: Unknown option: '--hots'") && err.toString().endsWith("(see --help)\n"),
                err.toString());
        assertEquals(1, err.toString().lines().count());
    }

    @Test
    void startFailuresAreOneLineWithTheirStatus() {
        assertEquals(ProgramMain.EXIT_START_FAILED, run("--port", "9"));
        assertEquals("demo: port 9 is in use\n", err.toString());

        StringWriter e2 = new StringWriter();
        assertEquals(ProgramMain.EXIT_USAGE, demo((c, exit) -> {
            throw new IllegalArgumentException("codec AV2 is not supported\nby this build");
        }).run(new String[0], new PrintWriter(out), new PrintWriter(e2)));
        assertEquals("demo: codec AV2 is not supported by this build (see --help)\n", e2.toString());

        StringWriter e3 = new StringWriter();
        assertEquals(ProgramMain.EXIT_START_FAILED, demo((c, exit) -> {
            throw new UnsatisfiedLinkError("no jniwebrtc in java.library.path");
        }).run(new String[0], new PrintWriter(out), new PrintWriter(e3)));
        assertEquals("demo: could not start: no jniwebrtc in java.library.path\n", e3.toString());

        StringWriter e4 = new StringWriter();
        assertEquals(ProgramMain.EXIT_START_FAILED, demo((c, exit) -> {
            throw new UnsupportedOperationException("camera gone");
        }).expectedFailures(UnsupportedOperationException.class).run(new String[0], new PrintWriter(out), new PrintWriter(e4)));
        assertEquals("demo: camera gone\n", e4.toString());
    }

    @Test
    void theReferenceFileListsEveryKeyCommentedOutAndIndependentOfTheEnvironment() throws IOException {
        String reference = DEMO.referenceConfig(List.of("Installed as /etc/demo.yaml.", "Read by demo.service."));
        assertTrue(reference.startsWith("# camrtc demo configuration (YAML): demo --config FILE\n#\n"), reference);
        assertTrue(reference.contains("\n#\n# Installed as /etc/demo.yaml.\n# Read by demo.service.\n#\n"), reference);
        assertTrue(reference.contains("regenerate:\n#   mvn -B -q -pl demo -am test -Dtest=ReferenceConfigTest "), reference);
        for (String line : List.of("# Interface to listen on.\n#host: 0.0.0.0\n", "#port: 8080\n", "#url:\n",
                "#ice-server: []\n", "#always-on: false\n", "#token:\n", "# Credential lifetime. Default: PT24H.\n#ttl: PT24H\n",
                "#label: {}\n")) {
            assertTrue(reference.contains(line), "lacks " + line + " in\n" + reference);
        }
        String uncommented = reference.replaceAll("(?m)^#([a-z-]+:)", "$1");
        assertEquals(DEMO.configure(), DEMO.configure("--config", file(uncommented).toString()),
                "the reference file with every key uncommented means the defaults");
        assertEquals(DEMO.configure(), DEMO.configure("--config", file(reference).toString()));
    }
}
