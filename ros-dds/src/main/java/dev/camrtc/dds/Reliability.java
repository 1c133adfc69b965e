package dev.camrtc.dds;

/** DDS reliability of a publisher. A best-effort publisher does not match reliable subscribers. */
public enum Reliability {
    RELIABLE,
    BEST_EFFORT;

    /** Parses {@code reliable} / {@code best_effort} (also {@code best-effort}), as used on command lines. */
    public static Reliability parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "reliable" -> RELIABLE;
            case "best_effort" -> BEST_EFFORT;
            default -> throw new IllegalArgumentException(
                    "unknown reliability '" + text + "' (use reliable or best_effort)");
        };
    }
}
