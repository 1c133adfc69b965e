package dev.camrtc.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tokens file of {@code --tokens FILE} (YAML, or JSON when the name ends in {@code .json}):
 * <pre>
 * tokens:
 *   - token: "7c1f...e2"        # the secret (required, unique)
 *     label: robot-lab-1        # how logs name it (default: token-1, token-2, ...)
 *     publish: ["lab-*"]        # true, false (default) or a list of name globs it reserves
 *     view: true                # default false
 *     control: false            # default false
 * </pre>
 * Unknown keys are errors (a typo must not silently grant or deny).
 */
public final class TokenFile {

    private static final Set<String> KEYS = Set.of("token", "label", "publish", "view", "control");

    private TokenFile() {
    }

    /** @throws IllegalArgumentException with a one-line reason when the file is unreadable or invalid */
    public static TokenTable read(Path file) {
        JsonNode root;
        try {
            ObjectMapper mapper = file.getFileName().toString().endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tokens file " + file + ": " + e.getMessage()
                    .replaceAll("\\s*\\R\\s*", " "));
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tokens file " + file + ": " + e.getMessage());
        }
    }

    static TokenTable parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("tokens").isArray()) {
            throw new IllegalArgumentException("expected an object with a 'tokens' list");
        }
        Map<String, Grant> bySecret = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode entry : root.get("tokens")) {
            n++;
            String where = "tokens[" + (n - 1) + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + key + "' (allowed: " + KEYS + ")");
                }
            }
            JsonNode token = entry.get("token");
            if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
                throw new IllegalArgumentException(where + ": 'token' must be a non-empty string");
            }
            JsonNode labelNode = entry.get("label");
            if (labelNode != null && !labelNode.isTextual()) {
                throw new IllegalArgumentException(where + ": 'label' must be a string");
            }
            String label = labelNode == null ? "token-" + n : labelNode.textValue();
            JsonNode publish = entry.path("publish");
            boolean mayPublish;
            List<String> globs = new ArrayList<>();
            if (publish.isMissingNode() || publish.isBoolean()) {
                mayPublish = publish.asBoolean(false);
            } else if (publish.isArray() && !publish.isEmpty()) {
                mayPublish = true;
                for (JsonNode glob : publish) {
                    if (!glob.isTextual()) {
                        throw new IllegalArgumentException(where + ": 'publish' globs must be strings");
                    }
                    globs.add(glob.textValue());
                }
            } else {
                throw new IllegalArgumentException(where + ": 'publish' must be true, false or a non-empty list of name globs");
            }
            Grant grant;
            try {
                grant = new Grant(label, mayPublish, globs, flag(entry, "view", where), flag(entry, "control", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (bySecret.put(token.textValue(), grant) != null) {
                throw new IllegalArgumentException(where + ": the same token is listed twice");
            }
        }
        return TokenTable.of(bySecret);
    }

    private static boolean flag(JsonNode entry, String key, String where) {
        JsonNode v = entry.path(key);
        if (v.isMissingNode()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be true or false");
        }
        return v.booleanValue();
    }
}
