package dev.camrtc.program;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes a config file: {@link #effective} for {@code --print-config} (what the program would run with,
 * every key set), {@link #reference} for the reference file in the repository (every key commented out with
 * its default and its {@code --help} description, independent of the environment it is generated in).
 */
final class ConfigText {

    static final int WIDTH = 100;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@+-][A-Za-z0-9_./:@+,=-]*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?:env|sys):[^}:]*(?::-([^}]*))?}");

    private ConfigText() {
    }

    /** {@code --print-config}: the effective value of every key (secrets hidden). */
    static String effective(String program, ConfigKeys keys) {
        StringBuilder out = new StringBuilder("# effective configuration of ").append(program)
                .append(" (defaults, config file and command line)\n");
        for (OptionSpec option : keys.options()) {
            String key = ConfigKeys.key(option);
            Object value = option.getValue();
            if (ConfigKeys.isSecret(option) && value != null) {
                out.append("#").append(key).append(": (set, hidden)\n");
                continue;
            }
            List<String> strings;
            if (ConfigKeys.isFlag(option)) {
                strings = List.of(String.valueOf(Boolean.TRUE.equals(value)));
            } else if (!option.originalStringValues().isEmpty()) {
                strings = option.originalStringValues();
                if (!option.isMultiValue()) {
                    strings = List.of(strings.get(strings.size() - 1));
                }
            } else if (value == null) {
                strings = null;
            } else if (option.isMultiValue()) {
                strings = elements(value);
            } else {
                String typed = option.defaultValue() == null ? null : option.defaultValueString(true);
                strings = List.of(typed == null || typed.contains("${") ? String.valueOf(value) : typed);
            }
            append(out, "", key, option, strings);
        }
        return out.toString();
    }

    /** The reference file: header, then per key its description and its default, commented out. */
    static String reference(List<String> header, ConfigKeys keys) {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        for (OptionSpec option : keys.options()) {
            List<String> defaults = referenceDefault(option);
            out.append('\n');
            String text = String.join(" ", option.description()).replace("%n", " ")
                    .replace("${DEFAULT-VALUE}", defaults == null ? "none" : String.join(",", defaults))
                    .replace("${COMPLETION-CANDIDATES}", candidates(option));
            for (String line : wrap(text, WIDTH - 2)) {
                out.append("# ").append(line).append('\n');
            }
            append(out, "#", ConfigKeys.key(option), option, defaults);
        }
        return out.toString();
    }

    /** The default as the program declares it, without what the environment would substitute. */
    private static List<String> referenceDefault(OptionSpec option) {
        if (option.defaultValue() != null) {
            Matcher m = VARIABLE.matcher(option.defaultValue());
            String raw = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) == null ? "" : r.group(1)));
            return raw.isEmpty() ? null : option.isMultiValue() && option.splitRegex().length() > 0
                    ? List.of(raw.split(option.splitRegex())) : List.of(raw);
        }
        Object initial = option.initialValue();
        if (initial == null) {
            return ConfigKeys.isFlag(option) ? List.of("false") : null;
        }
        return option.isMultiValue() ? elements(initial) : List.of(String.valueOf(initial));
    }

    private static void append(StringBuilder out, String comment, String key, OptionSpec option, List<String> values) {
        out.append(comment).append(key).append(':');
        if (values == null) {
            out.append('\n');
        } else if (ConfigKeys.isFlag(option)) {
            out.append(' ').append(values.get(0)).append('\n');
        } else if (!option.isMultiValue()) {
            out.append(' ').append(scalar(values.get(0))).append('\n');
        } else if (values.isEmpty()) {
            out.append(option.typeInfo().isMap() ? " {}\n" : " []\n");
        } else {
            out.append('\n');
            for (String v : values) {
                if (option.typeInfo().isMap()) {
                    int eq = v.indexOf('=');
                    out.append(comment).append("  ").append(scalar(v.substring(0, eq))).append(": ")
                            .append(scalar(v.substring(eq + 1))).append('\n');
                } else {
                    out.append(comment).append("  - ").append(scalar(v)).append('\n');
                }
            }
        }
    }

    /** A YAML scalar that reads back as exactly {@code value}: plain when safe, double-quoted otherwise. */
    static String scalar(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        boolean special = List.of("null", "~", "true", "false", "yes", "no", "on", "off", "y", "n").contains(lower);
        if (!special && PLAIN.matcher(value).matches()) {
            return value;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static List<String> elements(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(e -> list.add(String.valueOf(e)));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> list.add(k + "=" + v));
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(String.valueOf(Array.get(value, i)));
            }
        } else {
            list.add(String.valueOf(value));
        }
        return list;
    }

    private static String candidates(OptionSpec option) {
        List<String> names = new ArrayList<>();
        if (option.completionCandidates() != null) {
            option.completionCandidates().forEach(names::add);
        }
        return String.join(", ", names);
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
