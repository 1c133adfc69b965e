package dev.camrtc.sender.whep;

/** A WHEP request refused with an HTTP status and a one-line reason (sent as {@code {"error": reason}}). */
final class WhepException extends RuntimeException {

    final int status;

    WhepException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}
