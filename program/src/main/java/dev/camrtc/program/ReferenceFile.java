package dev.camrtc.program;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The reference config file of a program in the repository ({@code packaging/config/<program>.yaml}), which
 * the Debian package installs under {@code /etc/camrtc/}. Each program's test calls {@link #check}, so the file
 * cannot drift from the options: a new option fails the test until the file is regenerated.
 */
public final class ReferenceFile {

    /** With {@code -Dcamrtc.regenerate=true}, {@link #check} writes the file instead of comparing. */
    public static final String REGENERATE_PROPERTY = "camrtc.regenerate";

    private ReferenceFile() {
    }

    /** The repository path of a program's reference file, relative to the program's module directory. */
    public static Path of(String program) {
        return Path.of("..", "packaging", "config", program + ".yaml");
    }

    static String regenerateCommand(String program) {
        return "mvn -B -q -pl " + program + " -am test -Dtest=ReferenceConfigTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                + REGENERATE_PROPERTY + "=true";
    }

    /**
     * Compares (or with {@value #REGENERATE_PROPERTY} writes) the program's reference file, and checks that the
     * program reads it as its defaults ({@code --config FILE --print-config} prints what {@code --print-config}
     * alone prints).
     *
     * @return what is wrong, with the command that fixes it; empty when the file is up to date
     */
    public static Optional<String> check(String program, ProgramMain<?, ?> main, List<String> about) {
        Path file = of(program);
        String expected = main.referenceConfig(about);
        try {
            if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, expected);
            }
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(expected)) {
                return Optional.of(file.normalize() + " does not match the options of " + program
                        + " (an option was added or changed): regenerate it from the repository root with\n  "
                        + regenerateCommand(program) + "\nand commit it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String defaults = printConfig(main, "--print-config");
        String fromFile = printConfig(main, "--config", file.toString(), "--print-config");
        return defaults.equals(fromFile) ? Optional.empty()
                : Optional.of(file + " does not mean the defaults:\n" + fromFile + "\ninstead of\n" + defaults);
    }

    private static String printConfig(ProgramMain<?, ?> main, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = main.run(args, new PrintWriter(out), new PrintWriter(err));
        return status == ProgramMain.EXIT_OK ? out.toString() : "exit " + status + ": " + err;
    }
}
