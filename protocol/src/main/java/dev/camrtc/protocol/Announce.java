package dev.camrtc.protocol;

import java.util.List;

/**
 * Sender to server (PROTOCOL.md 3.2): each non-null field replaces the sender's old value, null fields
 * keep theirs, and an empty {@code mjpegUrl} removes it.
 */
public record Announce(String name, List<StreamDescription> streams, String mjpegUrl) implements Message {

    public static final String TYPE = "announce";

    public Announce {
        streams = streams == null ? null : List.copyOf(streams);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
