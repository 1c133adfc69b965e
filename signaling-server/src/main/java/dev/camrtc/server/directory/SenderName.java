package dev.camrtc.server.directory;

import java.util.regex.Pattern;

/** The display-name rule of PROTOCOL.md 1: 1..64 ASCII letters, digits, {@code -}, {@code _}, {@code .}. */
public final class SenderName {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SenderName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** The name a sender gets when it gives none: {@code sender-<sender_id>}. */
    public static String defaultFor(String senderId) {
        return "sender-" + senderId;
    }
}
