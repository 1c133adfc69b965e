package dev.camrtc.protocol;

/** A message failed validation; the message names the field. Internal to the codec. */
final class InvalidMessageException extends Exception {

    InvalidMessageException(String message) {
        super(message, null, false, false);
    }
}
