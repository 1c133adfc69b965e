package dev.camrtc.program;

import dev.camrtc.program.ConfigFile.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * One parse of a program's arguments for {@link ProgramMain}: the flags, then, with {@code --config}, the
 * file's settings in front of the flags on a fresh options object, remembering which key came from which
 * line of the file for the error messages.
 */
final class CommandLineParse {

    private static final Pattern FLAG = Pattern.compile("--([A-Za-z0-9][A-Za-z0-9-]*)");

    private CommandLineParse() {
    }

    /** The program's picocli model with {@code --config} and {@code --print-config} added. */
    static CommandLine commandLine(Object optionsObject) {
        CommandLine cli = new CommandLine(optionsObject);
        cli.addMixin("config", new ConfigOptions());
        return cli;
    }

    static ConfigKeys keys(CommandLine cli) {
        return new ConfigKeys(cli.getCommandSpec(), ConfigOptions.KEYS);
    }

    static ConfigOptions settings(CommandLine cli) {
        return (ConfigOptions) cli.getMixins().get("config");
    }

    /** One parse: the options object, its model, and where each file setting came from. */
    record Parsed(Object optionsObject, CommandLine cli, ConfigKeys keys, ConfigOptions settings,
                          Path file, Map<String, Entry> fromFile) {

        @SuppressWarnings("unchecked")
        <T> T options() {
            return (T) optionsObject;
        }

        /** A bad value that came from the file: the message gets the file, the line and the key. */
        RuntimeException attribute(IllegalArgumentException e) {
            if (file == null) {
                return e;
            }
            Matcher m = FLAG.matcher(String.valueOf(e.getMessage()));
            while (m.find()) {
                Entry entry = fromFile.get(m.group(1));
                if (entry != null) {
                    return new ConfigFileException(file + " line " + entry.line() + ": key '" + entry.key() + "': "
                            + e.getMessage());
                }
            }
            return new ConfigFileException(e.getMessage() + " (with config file " + file + ")");
        }
    }

    static <O> Parsed parse(Supplier<O> options, String[] args) {
        O first = options.get();
        CommandLine cli = commandLine(first);
        ConfigKeys keys = keys(cli);
        List<String> flags = new ArrayList<>();
        Set<String> onCommandLine = new HashSet<>();
        booleanValues(args, keys, flags, onCommandLine);
        CommandLine.ParseResult result = cli.parseArgs(flags.toArray(String[]::new));
        Path file = settings(cli).config;
        if (file == null || cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            return new Parsed(first, cli, keys, settings(cli), null, Map.of());
        }
        for (OptionSpec matched : result.matchedOptions()) {
            onCommandLine.add(ConfigKeys.key(matched));
        }
        Map<String, Entry> origin = new LinkedHashMap<>();
        List<String> fileArgs = keys.toArgs(file, ConfigFile.read(file), onCommandLine, origin);
        origin.keySet().removeAll(onCommandLine);
        List<String> all = new ArrayList<>(fileArgs);
        all.addAll(flags);
        O second = options.get();
        CommandLine merged = commandLine(second);
        try {
            merged.parseArgs(all.toArray(String[]::new));
        } catch (ParameterException e) {
            if (e.getArgSpec() instanceof OptionSpec option && origin.containsKey(ConfigKeys.key(option))) {
                Entry entry = origin.get(ConfigKeys.key(option));
                throw new ConfigFileException(file + " line " + entry.line() + ": key '" + entry.key() + "': "
                        + Errors.oneLine(e.getMessage()));
            }
            throw e;
        }
        return new Parsed(second, merged, keys(merged), settings(merged), file, origin);
    }

    /**
     * Copies {@code args} to {@code flags}, turning {@code --flag=true} into {@code --flag} and dropping
     * {@code --flag=false} for boolean flags; both count as given on the command line.
     */
    private static void booleanValues(String[] args, ConfigKeys keys, List<String> flags, Set<String> onCommandLine) {
        boolean optionsEnded = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            OptionSpec option = optionsEnded || !arg.startsWith("--") || eq < 0 ? null : keys.find(arg.substring(2, eq));
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            optionsEnded |= arg.equals("--");
            if (option != null && ConfigKeys.isFlag(option)
                    && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
                onCommandLine.add(ConfigKeys.key(option));
                if (value.equalsIgnoreCase("true")) {
                    flags.add(arg.substring(0, eq));
                }
            } else {
                flags.add(arg);
            }
        }
    }
}
