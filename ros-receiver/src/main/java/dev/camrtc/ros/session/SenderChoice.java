package dev.camrtc.ros.session;

/**
 * Which sender to receive: by id, by name, or (both null) the only one online.
 *
 * @param senderId   {@code --sender-id}, or null
 * @param senderName {@code --sender-name}, or null
 */
public record SenderChoice(String senderId, String senderName) {

    public SenderChoice {
        if (senderId != null && senderName != null) {
            throw new IllegalArgumentException("give --sender-id or --sender-name, not both");
        }
        if (senderId != null && senderId.isBlank()) {
            throw new IllegalArgumentException("--sender-id is empty");
        }
        if (senderName != null && senderName.isBlank()) {
            throw new IllegalArgumentException("--sender-name is empty");
        }
    }

    public static SenderChoice any() {
        return new SenderChoice(null, null);
    }

    public static SenderChoice byId(String id) {
        return new SenderChoice(id, null);
    }

    public static SenderChoice byName(String name) {
        return new SenderChoice(null, name);
    }

    public boolean isAny() {
        return senderId == null && senderName == null;
    }

    @Override
    public String toString() {
        return senderId != null ? "sender " + senderId : senderName != null ? "sender named '" + senderName + "'"
                : "the only sender online";
    }
}
