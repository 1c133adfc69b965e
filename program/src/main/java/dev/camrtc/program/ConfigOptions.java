package dev.camrtc.program;

import java.nio.file.Path;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --print-config}, added to every program by {@link ProgramMain}. */
public final class ConfigOptions {

    /** Keys of these options: not settable from a config file. */
    static final java.util.List<String> KEYS = java.util.List.of("config", "print-config");

    @Option(names = "--config", paramLabel = "FILE", showDefaultValue = Visibility.NEVER,
            description = "YAML config file: every flag above is a key of the same name without the dashes "
                    + "(e.g. 'port: 8080'); flags given on the command line override it. Default: none.")
    Path config;

    @Option(names = "--print-config", showDefaultValue = Visibility.NEVER,
            description = "Print the effective configuration (every default, the config file, the flags) as YAML "
                    + "and exit.")
    boolean printConfig;
}
