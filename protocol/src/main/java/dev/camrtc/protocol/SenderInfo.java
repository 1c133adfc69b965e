package dev.camrtc.protocol;

import java.util.List;

/**
 * Server to receiver, wire type {@code sender} (PROTOCOL.md 3.2): insert-or-update of one directory entry.
 * {@code streams} and {@code mjpegUrl} are null until the sender announces them.
 * Without {@code type}, the same object is an element of {@code GET /api/senders}.
 */
public record SenderInfo(String senderId, String name, List<StreamDescription> streams, String mjpegUrl)
        implements Message {

    public static final String TYPE = "sender";

    public SenderInfo {
        streams = streams == null ? null : List.copyOf(streams);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
