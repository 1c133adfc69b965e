package dev.camrtc.server.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON builders for tests. */
public final class Json {

    private Json() {
    }

    /** Parses a JSON object literal (tests write messages with single quotes for readability: 'x' -> "x"). */
    public static ObjectNode obj(String singleQuoted) {
        try {
            return (ObjectNode) WsClient.JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    /** The same, as text. */
    public static String msg(String singleQuoted) {
        return obj(singleQuoted).toString();
    }
}
