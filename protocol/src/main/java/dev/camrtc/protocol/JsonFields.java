package dev.camrtc.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Field checks of the codec. A JSON {@code null} in an optional field counts as absent; a required field
 * must be present and non-null. Every failure names the field, e.g. {@code field 'sender_id' must be a string}.
 */
final class JsonFields {

    private JsonFields() {
    }

    static boolean present(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && !value.isNull();
    }

    static void requireString(JsonNode parent, String field, String path) throws InvalidMessageException {
        require(parent, field, path);
        optionalString(parent, field, path);
    }

    static void optionalString(JsonNode parent, String field, String path) throws InvalidMessageException {
        if (present(parent, field) && !parent.get(field).isTextual()) {
            throw wrongType(path + field, "a string");
        }
    }

    static void requireInt(JsonNode parent, String field, String path) throws InvalidMessageException {
        require(parent, field, path);
        optionalInt(parent, field, path);
    }

    static void optionalInt(JsonNode parent, String field, String path) throws InvalidMessageException {
        if (present(parent, field) && !isInt(parent.get(field))) {
            throw wrongType(path + field, "an integer");
        }
    }

    static void requireNumber(JsonNode parent, String field, String path) throws InvalidMessageException {
        require(parent, field, path);
        if (!parent.get(field).isNumber()) {
            throw wrongType(path + field, "a number");
        }
    }

    static void requireBoolean(JsonNode parent, String field, String path) throws InvalidMessageException {
        require(parent, field, path);
        if (!parent.get(field).isBoolean()) {
            throw wrongType(path + field, "a boolean");
        }
    }

    static JsonNode requireObject(JsonNode parent, String field, String path) throws InvalidMessageException {
        require(parent, field, path);
        return optionalObject(parent, field, path);
    }

    static JsonNode optionalObject(JsonNode parent, String field, String path) throws InvalidMessageException {
        if (!present(parent, field)) {
            return null;
        }
        JsonNode value = parent.get(field);
        if (!value.isObject()) {
            throw wrongType(path + field, "an object");
        }
        return value;
    }

    static JsonNode requireArray(JsonNode parent, String field, String path) throws InvalidMessageException {
        require(parent, field, path);
        return optionalArray(parent, field, path);
    }

    static JsonNode optionalArray(JsonNode parent, String field, String path) throws InvalidMessageException {
        if (!present(parent, field)) {
            return null;
        }
        JsonNode value = parent.get(field);
        if (!value.isArray()) {
            throw wrongType(path + field, "an array");
        }
        return value;
    }

    /** Checks that every element of {@code array} is a string. */
    static void stringElements(JsonNode array, String name) throws InvalidMessageException {
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw wrongType(name + "[" + i + "]", "a string");
            }
        }
    }

    static boolean isInt(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt();
    }

    static void require(JsonNode parent, String field, String path) throws InvalidMessageException {
        if (!present(parent, field)) {
            throw new InvalidMessageException("missing field '" + path + field + "'");
        }
    }

    static InvalidMessageException wrongType(String name, String what) {
        return new InvalidMessageException("field '" + name + "' must be " + what);
    }
}
