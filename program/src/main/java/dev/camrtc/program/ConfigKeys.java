package dev.camrtc.program;

import dev.camrtc.program.ConfigFile.Entry;
import dev.camrtc.program.ConfigFile.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config-file view of a program's picocli model: every option except help, version and the config
 * options themselves has a key, its first long name without the dashes (other long names are accepted as
 * aliases). Nothing here knows a program: an option declared tomorrow has a key tomorrow.
 */
final class ConfigKeys {

    private final List<OptionSpec> options = new ArrayList<>();
    private final Map<String, OptionSpec> byName = new LinkedHashMap<>();

    ConfigKeys(CommandSpec spec, Collection<String> excludedKeys) {
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || excludedKeys.contains(key(option))) {
                continue;
            }
            options.add(option);
            for (String name : option.names()) {
                byName.put(name.replaceFirst("^--?", ""), option);
            }
        }
    }

    /** The option's key: its first long name without the dashes. */
    static String key(OptionSpec option) {
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                return name.substring(2);
            }
        }
        return option.names()[0].replaceFirst("^-+", "");
    }

    /** The options that have a key, in declaration (help) order. */
    List<OptionSpec> options() {
        return options;
    }

    OptionSpec find(String key) {
        return byName.get(key);
    }

    /** A boolean option given without a value ({@code --always-on}). */
    static boolean isFlag(OptionSpec option) {
        Class<?> type = option.type();
        return option.arity().max() == 0 && (type == boolean.class || type == Boolean.class);
    }

    /** A key that holds a secret: shown as hidden by {@code --print-config}. */
    static boolean isSecret(OptionSpec option) {
        String key = key(option).toLowerCase(Locale.ROOT);
        return key.contains("token") || key.contains("secret") || key.contains("password") || key.contains("credential");
    }

    /**
     * The file's settings as command-line arguments ({@code --key=value}), leaving out keys whose option
     * {@code onCommandLine} already names: the command line wins, a list given there replaces the file's.
     *
     * @param origin filled with option key to the entry it came from, for error messages
     * @throws ConfigFileException for an unknown key or a value of the wrong shape
     */
    List<String> toArgs(Path file, List<Entry> entries, Set<String> onCommandLine, Map<String, Entry> origin) {
        List<String> args = new ArrayList<>();
        for (Entry entry : entries) {
            OptionSpec option = byName.get(entry.key());
            if (option == null) {
                throw new ConfigFileException(file + " line " + entry.line() + ": unknown key '" + entry.key() + "'"
                        + suggestion(entry.key()));
            }
            String key = key(option);
            if (origin.containsKey(key)) {
                throw new ConfigFileException(file + " line " + entry.line() + ": key '" + entry.key()
                        + "' sets the same option as '" + origin.get(key).key() + "'");
            }
            origin.put(key, entry);
            if (entry.shape() == Shape.NULL || onCommandLine.contains(key)) {
                continue;
            }
            String flag = "--" + key;
            String where = file + " line " + entry.line() + ": key '" + entry.key() + "'";
            if (isFlag(option)) {
                String v = entry.shape() == Shape.SCALAR ? entry.values().get(0).toLowerCase(Locale.ROOT) : "";
                if (!v.equals("true") && !v.equals("false")) {
                    throw new ConfigFileException(where + " must be true or false");
                }
                if (v.equals("true")) {
                    args.add(flag);
                } else if (Boolean.TRUE.equals(option.initialValue())) {
                    throw new ConfigFileException(where + ": this flag cannot be switched off");
                }
                continue;
            }
            boolean map = option.typeInfo().isMap();
            if (entry.shape() == Shape.MAPPING && !map) {
                throw new ConfigFileException(where + " takes " + (option.isMultiValue() ? "a value or a list" : "one value")
                        + ", not a mapping");
            }
            if (entry.shape() == Shape.LIST && !option.isMultiValue()) {
                throw new ConfigFileException(where + " takes one value, not a list");
            }
            if (map && entry.shape() != Shape.MAPPING) {
                throw new ConfigFileException(where + " takes a mapping of name: value");
            }
            for (String value : entry.values()) {
                args.add(flag + "=" + value);
            }
        }
        return args;
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = 3;
        for (String name : byName.keySet()) {
            int d = distance(unknown, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best == null ? " (the keys are the flags of --help without the dashes)" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
