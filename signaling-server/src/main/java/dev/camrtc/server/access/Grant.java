package dev.camrtc.server.access;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one access token allows (PROTOCOL.md 1): {@code publish} (connect to {@code /ws/sender}; when
 * {@code names} is not empty, only under names matching one of these globs, which also reserves them
 * against every other token), {@code view} (connect to {@code /ws/receiver}, request offers, {@code control}
 * {@code list}/{@code get}) and {@code control} ({@code control} {@code set}).
 *
 * @param label   how logs name the token (never the secret itself)
 * @param names   name globs ({@code *} any run of characters, {@code ?} one); empty = any unreserved name
 */
public record Grant(String label, boolean publish, List<String> names, boolean view, boolean control) {

    /** Everything: the single {@code --token}, and every connection when no token is configured. */
    public static Grant all(String label) {
        return new Grant(label, true, List.of(), true, true);
    }

    public Grant {
        names = List.copyOf(names);
        for (String glob : names) {
            if (!glob.matches("[A-Za-z0-9._*?-]{1,64}")) {
                throw new IllegalArgumentException("name pattern '" + glob
                        + "' must be 1..64 letters, digits, '-', '_', '.', '*' or '?'");
            }
        }
    }

    /** True when one of this token's own globs matches {@code name}. */
    public boolean holds(String name) {
        for (String glob : names) {
            if (matches(glob, name)) {
                return true;
            }
        }
        return false;
    }

    /** The permissions as the viewer learns them in {@code registered}: {@code publish}, {@code view}, {@code control}. */
    public List<String> permissionNames() {
        List<String> out = new java.util.ArrayList<>(3);
        if (publish) {
            out.add("publish");
        }
        if (view) {
            out.add("view");
        }
        if (control) {
            out.add("control");
        }
        return out;
    }

    static boolean matches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), name);
    }
}
