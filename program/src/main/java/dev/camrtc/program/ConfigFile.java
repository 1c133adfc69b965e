package dev.camrtc.program;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a program's YAML config file: one mapping of {@code key: value}, where a value is a scalar, a list
 * (repeatable options) or, for map options, a mapping. Only the shape is checked here; which keys exist and
 * what their values mean is {@link ConfigKeys}'s job. An empty or null value ({@code key:}, {@code key: ~},
 * {@code key: ""}) leaves the option at its default. Scalars are kept as written ({@code 0123} stays
 * {@code "0123"}), so the option's own converter sees exactly what the user typed.
 */
final class ConfigFile {

    /** One top-level key with its values as written; {@code values} is empty for a null value. */
    record Entry(String key, int line, Shape shape, List<String> values) {
    }

    enum Shape { NULL, SCALAR, LIST, MAPPING }

    /** The longest config file read: a config file is a few kB, never megabytes. */
    static final long MAX_BYTES = 1 << 20;

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private ConfigFile() {
    }

    static List<Entry> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigFileException(file + ": larger than " + MAX_BYTES + " bytes, not a config file");
            }
            try (JsonParser parser = YAML.createParser(file.toFile())) {
                return entries(file, parser);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigFileException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigFileException(file + " line " + e.getLocation().getLineNr() + ": not valid YAML: "
                    + Errors.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigFileException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    private static List<Entry> entries(Path file, JsonParser parser) throws IOException {
        List<Entry> entries = new ArrayList<>();
        JsonToken token = parser.nextToken();
        if (token == null) {
            return entries; // empty, or only comments
        }
        if (token != JsonToken.START_OBJECT) {
            throw error(file, parser, "expected 'key: value' lines at the top level");
        }
        Set<String> seen = new HashSet<>();
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            if (!seen.add(key)) {
                throw new ConfigFileException(file + " line " + line + ": key '" + key + "' is given twice");
            }
            token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL || token.isScalarValue() && parser.getText().isEmpty()) {
                entries.add(new Entry(key, line, Shape.NULL, List.of()));
            } else if (token.isScalarValue()) {
                entries.add(new Entry(key, line, Shape.SCALAR, List.of(parser.getText())));
            } else if (token == JsonToken.START_ARRAY) {
                List<String> values = new ArrayList<>();
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (!token.isScalarValue() || token == JsonToken.VALUE_NULL) {
                        throw error(file, parser, "key '" + key + "': list items must be plain values");
                    }
                    values.add(parser.getText());
                }
                entries.add(new Entry(key, line, Shape.LIST, values));
            } else {
                List<String> pairs = new ArrayList<>();
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    token = parser.nextToken();
                    if (!token.isScalarValue() || token == JsonToken.VALUE_NULL) {
                        throw error(file, parser, "key '" + key + "': '" + name + "' must have a plain value");
                    }
                    pairs.add(name + "=" + parser.getText());
                }
                entries.add(new Entry(key, line, Shape.MAPPING, pairs));
            }
        }
        if (parser.nextToken() != null) {
            throw error(file, parser, "one YAML document only");
        }
        return entries;
    }

    private static ConfigFileException error(Path file, JsonParser parser, String what) {
        return new ConfigFileException(file + " line " + parser.currentTokenLocation().getLineNr() + ": " + what);
    }
}
