package dev.camrtc.ros.session;

import dev.camrtc.protocol.SenderInfo;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Picks the sender to receive from the directory the server sent (PROTOCOL.md 3.2), following a
 * {@link SenderChoice}: by id; by name; or, with neither, the only sender online. A sender is only
 * chosen once it has announced its streams (the receiver needs their encodings).
 */
public final class SenderSelector {

    /** The outcome of one look at the directory. */
    public sealed interface Selection {
    }

    /** This sender. */
    public record Chosen(SenderInfo sender) implements Selection {
    }

    /** Nothing to choose yet; {@code reason} says what is awaited (logged once per change). */
    public record Waiting(String reason) implements Selection {
    }

    /** Several senders fit and nothing tells them apart; {@code candidates} in directory order. */
    public record Ambiguous(List<SenderInfo> candidates) implements Selection {
        /** One line per candidate: {@code s-1  lab-cam  color 640x480@30, infrared 640x480@30}. */
        public String listing() {
            return candidates.stream().map(SenderSelector::describe).collect(Collectors.joining("\n"));
        }
    }

    private final SenderChoice choice;

    public SenderSelector(SenderChoice choice) {
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    public SenderChoice choice() {
        return choice;
    }

    /** Looks at the directory (in the order the server announced the senders). */
    public Selection select(Collection<SenderInfo> directory) {
        List<SenderInfo> fitting;
        if (choice.senderId() != null) {
            fitting = directory.stream().filter(s -> choice.senderId().equals(s.senderId())).toList();
        } else if (choice.senderName() != null) {
            fitting = directory.stream().filter(s -> choice.senderName().equals(s.name())).toList();
        } else {
            fitting = List.copyOf(directory);
        }
        if (fitting.isEmpty()) {
            return new Waiting(directory.isEmpty() ? "no sender online; waiting for " + choice
                    : "waiting for " + choice + " (online: " + directory.stream().map(SenderSelector::shortName)
                            .collect(Collectors.joining(", ")) + ")");
        }
        if (fitting.size() > 1) {
            return new Ambiguous(fitting);
        }
        SenderInfo s = fitting.get(0);
        if (s.streams() == null || s.streams().isEmpty()) {
            return new Waiting("sender " + shortName(s) + " has not announced its streams yet");
        }
        return new Chosen(s);
    }

    static String shortName(SenderInfo s) {
        return s.senderId() + (s.name() == null ? "" : " '" + s.name() + "'");
    }

    /** One directory line for the listing printed when the choice is ambiguous. */
    public static String describe(SenderInfo s) {
        String streams = s.streams() == null ? "(no streams announced)" : s.streams().stream()
                .map(d -> d.name() + (d.width() == null ? "" : " " + d.width() + "x" + d.height())
                        + (d.fps() == null ? "" : "@" + d.fps()))
                .collect(Collectors.joining(", "));
        return "  " + s.senderId() + "  " + (s.name() == null ? "-" : s.name()) + "  " + streams;
    }
}
