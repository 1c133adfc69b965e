package dev.camrtc.protocol;

/** Maps an offer's m-line {@code mid} to the stream name it carries (PROTOCOL.md 3.3). */
public record StreamMid(String mid, String name) {
}
