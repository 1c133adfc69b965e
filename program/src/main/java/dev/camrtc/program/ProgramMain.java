package dev.camrtc.program;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The command line of a camrtc program, written once for all of them:
 * <pre>{@code
 * ProgramMain.of("sender", SenderOptions::new, SenderConfig::from, (config, exit) -> RunningSender.start(config))
 *         .main(args);
 * }</pre>
 * <ol>
 *   <li>parses the flags into a fresh options object (a picocli {@code @Command}); {@code --help} and
 *       {@code --version} print and exit 0;</li>
 *   <li>with {@code --config FILE}, reads the YAML file (see {@link ConfigKeys}: every option has a key, found
 *       from the picocli model, so a newly declared option needs no work here), and parses again with the file's
 *       settings in front of the flags: a flag given on the command line wins, a list given there replaces the
 *       file's; {@code --flag=false} switches off a boolean the file switched on;</li>
 *   <li>turns the options into the program's config ({@code configure}; an {@link IllegalArgumentException}
 *       is a bad setting); {@code --print-config} prints the result as YAML and exits 0;</li>
 *   <li>starts the program; its {@link AutoCloseable} is closed by a shutdown hook (SIGTERM, Ctrl-C), then
 *       the JVM halts with status 0 (native threads must not keep it alive).</li>
 * </ol>
 * Every failure is one line on stderr starting with the program's name: a bad flag, config file or value
 * exits {@value #EXIT_USAGE} (naming the file, line and key when the file set it); a failed start exits
 * {@value #EXIT_START_FAILED} (an {@link IllegalArgumentException} from the start exits {@value #EXIT_USAGE}).
 *
 * @param <O> the picocli options class
 * @param <C> the validated configuration the program starts from
 */
public final class ProgramMain<O, C> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** What {@link #run} returns once the program is running: the shutdown hook ends it. */
    public static final int RUNNING = -1;

    private static final Logger LOG = LoggerFactory.getLogger(ProgramMain.class);

    /** Starts the program; {@code exit} lets it end the process later with a status of its own. */
    @FunctionalInterface
    public interface Starter<C> {
        AutoCloseable start(C config, Exit exit);
    }

    /** Ends a running program: prints {@code program: message}, closes what was started, halts with {@code status}. */
    @FunctionalInterface
    public interface Exit {
        void now(int status, String message);
    }

    private final String name;
    private final Supplier<O> options;
    private final Function<O, C> configure;
    private final Starter<C> starter;
    private final List<Class<? extends Throwable>> expectedFailures = new ArrayList<>(List.of(IllegalStateException.class));

    private ProgramMain(String name, Supplier<O> options, Function<O, C> configure, Starter<C> starter) {
        this.name = name;
        this.options = options;
        this.configure = configure;
        this.starter = starter;
    }

    /**
     * @param name      the program's name, first word of every error line
     * @param options   a fresh picocli options object per parse
     * @param configure validates the options into the config ({@link IllegalArgumentException}: a bad setting)
     * @param starter   starts the program from the config
     */
    public static <O, C> ProgramMain<O, C> of(String name, Supplier<O> options, Function<O, C> configure,
                                              Starter<C> starter) {
        return new ProgramMain<>(name, options, configure, starter);
    }

    /**
     * Exceptions of these types from the start are expected conditions (camera unplugged, port in use):
     * one line, exit {@value #EXIT_START_FAILED}, no stack trace. {@link IllegalStateException} always is.
     */
    @SafeVarargs
    public final ProgramMain<O, C> expectedFailures(Class<? extends Throwable>... types) {
        expectedFailures.addAll(List.of(types));
        return this;
    }

    /** The program's picocli model with {@code --config} and {@code --print-config} added. */
    public CommandLine commandLine(O optionsObject) {
        return CommandLineParse.commandLine(optionsObject);
    }

    /**
     * The reference config file: a header, then every key with its {@code --help} description and its default,
     * commented out. {@link ReferenceFile} keeps the copy in the repository equal to it.
     *
     * @param about lines about this program's file (where it is installed, who reads it), without the {@code #}
     */
    public String referenceConfig(List<String> about) {
        List<String> header = new ArrayList<>(List.of(
                "camrtc " + name + " configuration (YAML): " + name + " --config FILE",
                "",
                "Every key is the command-line flag of the same name without the dashes (" + name + " --help);",
                "a flag given on the command line overrides the file. Every setting is listed with its default,",
                "commented out: uncomment a line to change it. A repeatable flag takes a list: 'key: [a, b]'.",
                "'" + name + " --config FILE --print-config' checks a file and prints the effective settings."));
        if (!about.isEmpty()) {
            header.add("");
            header.addAll(about);
        }
        header.addAll(List.of("", "Generated from the option definitions, like --help. After adding an option, regenerate:",
                "  " + ReferenceFile.regenerateCommand(name)));
        return ConfigText.reference(header, CommandLineParse.keys(commandLine(options.get())));
    }

    /** For {@code main}: runs with the process's streams and exits unless the program is running. */
    public void main(String[] args) {
        int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (status != RUNNING) {
            System.exit(status);
        }
        try {
            Thread.currentThread().join(); // until the shutdown hook or an Exit halts the JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses and validates like {@link #run} without starting anything (tests, tools).
     *
     * @throws ParameterException for a bad flag; {@link ConfigFileException} for a bad config file or a bad value
     *         set by it; {@link IllegalArgumentException} for a bad value given as a flag
     */
    public C configure(String... args) {
        CommandLineParse.Parsed parsed = CommandLineParse.parse(options, args);
        try {
            return configure.apply(parsed.options());
        } catch (IllegalArgumentException e) {
            throw parsed.attribute(e);
        }
    }

    /** Parses, configures and starts. Returns the exit status, or {@link #RUNNING} once the program runs. */
    public int run(String[] args, PrintWriter out, PrintWriter err) {
        C config;
        try {
            CommandLineParse.Parsed parsed = CommandLineParse.parse(options, args);
            CommandLine cli = parsed.cli();
            if (cli.isUsageHelpRequested()) {
                cli.usage(out);
                out.flush();
                return EXIT_OK;
            }
            if (cli.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                out.flush();
                return EXIT_OK;
            }
            try {
                config = configure.apply(parsed.options());
            } catch (IllegalArgumentException e) {
                throw parsed.attribute(e);
            }
            if (parsed.settings().printConfig) {
                out.print(ConfigText.effective(name, parsed.keys()));
                out.flush();
                return EXIT_OK;
            }
        } catch (ParameterException | IllegalArgumentException | ConfigFileException e) {
            fail(err, Errors.oneLine(e.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        }
        return start(config, err);
    }

    private int start(C config, PrintWriter err) {
        AtomicReference<AutoCloseable> running = new AtomicReference<>();
        Exit exit = (status, message) -> {
            fail(err, message);
            new Thread(() -> {
                try {
                    AutoCloseable program = running.get();
                    if (program != null) {
                        program.close();
                    }
                } catch (Exception e) {
                    LOG.warn("{}: closing on exit failed: {}", name, e.toString());
                } finally {
                    Runtime.getRuntime().halt(status);
                }
            }, name + "-exit").start();
        };
        AutoCloseable program;
        try {
            program = starter.start(config, exit);
        } catch (IllegalArgumentException e) {
            fail(err, Errors.oneLine(e.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        } catch (RuntimeException | LinkageError e) {
            if (expectedFailures.stream().noneMatch(t -> t.isInstance(e))) {
                LOG.error("{} could not start", name, e);
                fail(err, "could not start: " + Errors.oneLine(String.valueOf(e.getMessage())));
            } else {
                fail(err, Errors.oneLine(e.getMessage()));
            }
            return EXIT_START_FAILED;
        }
        running.set(program);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                program.close();
            } catch (Exception e) {
                LOG.warn("{}: shutdown failed: {}", name, e.toString());
            } finally {
                Runtime.getRuntime().halt(EXIT_OK);
            }
        }, name + "-shutdown"));
        return RUNNING;
    }

    private void fail(PrintWriter err, String message) {
        err.println(name + ": " + message);
        err.flush();
    }
}
