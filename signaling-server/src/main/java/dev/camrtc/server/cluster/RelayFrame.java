package dev.camrtc.server.cluster;

import dev.camrtc.protocol.MessageRules;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.Role;
import dev.camrtc.server.connection.PeerLimits;
import java.time.Instant;

/**
 * A message for one peer on another instance, as it crosses Redis on that instance's channel
 * ({@code camrtc:to:<tag>}): one header line of six space-separated fields, then the message text exactly as the
 * addressed peer gets it, so the delivering instance checks a few short fields and parses no JSON:
 *
 * <pre>R1 &lt;from instance&gt; &lt;source id&gt; &lt;target id&gt; &lt;type&gt; &lt;arrived µs&gt;\n&lt;text&gt;</pre>
 *
 * <p>{@code type} is a relayed type the source's role may send (PROTOCOL.md 3.7), or {@code receiver_left} (the
 * source receiver left; no text).
 * {@code arrived} is when the message arrived on the sending instance, in microseconds of the wall clock (for
 * {@code signaling_cluster_relay_latency_seconds}). The text begins with its {@code type} and the source's own id
 * field (how {@code Relay} writes it), and that beginning must agree with the header.
 *
 * <p>Bytes from Redis are hostile input like a peer's: {@link #decode} never throws and says what was wrong.
 */
record RelayFrame(String from, String src, String to, String type, long arrivedMicros, String text) {

    static final String MAGIC = "R1 ";
    /** The header line is at most this long (six short fields). */
    static final int MAX_HEADER_CHARS = 256;
    /** A peer's message after its addressing was swapped: at most the protocol's limit plus a longer id. */
    static final int MAX_TEXT_CHARS = PeerLimits.MAX_MESSAGE_BYTES + 256;
    private static final int MAX_ID_CHARS = 64;
    private static final int MAX_TAG_CHARS = 24;

    /** What {@link #decode} found. */
    sealed interface Decoded permits Ok, Malformed {
    }

    record Ok(RelayFrame frame) implements Decoded {
    }

    /** @param reason one short phrase for the log line */
    record Malformed(String reason) implements Decoded {
    }

    /** True when {@link #src} is a receiver (the frame goes to a sender). */
    boolean toSender() {
        return src.startsWith("r-");
    }

    /** The wire form; the fields come from this instance (checked where they were made), the text from {@code Relay}. */
    static String encode(String from, String src, String to, String type, long arrivedMicros, String text) {
        return new StringBuilder(MAGIC.length() + from.length() + src.length() + to.length() + type.length() + 24
                + text.length()).append(MAGIC).append(from).append(' ').append(src).append(' ').append(to).append(' ')
                .append(type).append(' ').append(arrivedMicros).append('\n').append(text).toString();
    }

    /** Parses and checks one frame from Redis; never throws. */
    static Decoded decode(String wire) {
        if (wire == null || !wire.startsWith(MAGIC)) {
            return new Malformed("not a relay frame (no '" + MAGIC.trim() + "' header)");
        }
        if (wire.length() > MAX_HEADER_CHARS + 1 + MAX_TEXT_CHARS) {
            return new Malformed("oversize (" + wire.length() + " chars)");
        }
        int end = wire.indexOf('\n');
        if (end < 0 || end > MAX_HEADER_CHARS) {
            return new Malformed("header not ended by a newline within " + MAX_HEADER_CHARS + " chars");
        }
        String[] f = wire.substring(MAGIC.length(), end).split(" ", -1);
        if (f.length != 5) {
            return new Malformed("header has " + (f.length + 1) + " fields, not 6");
        }
        String from = f[0];
        String src = f[1];
        String to = f[2];
        String type = f[3];
        if (!isToken(from, MAX_TAG_CHARS) || !isToken(src, MAX_ID_CHARS) || !isToken(to, MAX_ID_CHARS)) {
            return new Malformed("bad instance or peer id in the header");
        }
        boolean fromReceiver = src.startsWith("r-");
        if (!(fromReceiver ? to.startsWith("s-") : src.startsWith("s-") && to.startsWith("r-"))) {
            return new Malformed("source and target are not a receiver and a sender");
        }
        if (!from.equals(Cluster.tagOf(src))) {
            return new Malformed("source " + src + " is not a peer of instance " + from);
        }
        boolean receiverLeft = ReceiverLeft.TYPE.equals(type);
        if (!receiverLeft && !(MessageRules.isRelayed(type)
                && MessageRules.mayBeSentBy(type, fromReceiver ? Role.RECEIVER : Role.SENDER))) {
            return new Malformed("type '" + abbreviate(type) + "' is not relayed from " + src);
        }
        long arrived = parseMicros(f[4]);
        if (arrived < 0) {
            return new Malformed("bad arrival time '" + abbreviate(f[4]) + "'");
        }
        String text = wire.substring(end + 1);
        if (receiverLeft) {
            if (!fromReceiver || !text.isEmpty()) {
                return new Malformed("receiver_left from a sender or with a text");
            }
        } else if (!text.startsWith(textStart(type, src)) || !text.endsWith("}")) {
            return new Malformed(type + " text does not begin with its type and source " + src);
        }
        return new Ok(new RelayFrame(from, src, to, type, arrived, text));
    }

    /** How the text of a relayed message from {@code src} begins: its type, then the source's own id field. */
    static String textStart(String type, String src) {
        return "{\"type\":\"" + type + "\",\"" + (src.startsWith("r-") ? "receiver_id" : "sender_id") + "\":\"" + src + "\"";
    }

    /** Wall-clock time in microseconds (what instances compare for the cross-instance relay latency). */
    static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Letters, digits and '-' only (tags are hex, ids {@code s-<tag>x<hex>}), 1..max chars. */
    private static boolean isToken(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Decimal digits, at most 18 (no overflow), else -1. */
    private static long parseMicros(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** At most 32 chars of a hostile field, anything but printable ASCII as '?' (it goes into a log line). */
    private static String abbreviate(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(32, s.length()); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() <= 32 ? out.toString() : out + "...";
    }
}
