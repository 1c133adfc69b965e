package dev.camrtc.server.relay;

import dev.camrtc.protocol.ErrorCode;
import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.metrics.SignalingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends {@code error} messages (PROTOCOL.md 3.7) and counts them. An error never closes the connection. */
public final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private final SignalingMetrics metrics;

    public ErrorReporter(SignalingMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param ref the {@code type} of the message that caused it, or null when it had no string type */
    public void send(Peer to, ErrorCode code, String message, String ref) {
        metrics.error(code);
        LOG.debug("{}: error {} ({}) for {}", to.id(), code.wireName(), message, ref);
        to.send(MessageCodec.encode(new ErrorMessage(code, message, ref)));
    }
}
