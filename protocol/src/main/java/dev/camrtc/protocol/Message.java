package dev.camrtc.protocol;

/**
 * One signaling message of PROTOCOL.md section 3. Every message is a record; {@link #type()} is its
 * wire {@code type}. Encode and decode with {@link MessageCodec}.
 */
public sealed interface Message
        permits Addressed, Registered, SenderInfo, Announce, SenderLeft, ReceiverLeft, ErrorMessage {

    /** The wire {@code type} of this message, e.g. {@code "offer"}. */
    String type();
}
