package dev.camrtc.server.relay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ErrorCode;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.MessageCodec.Decoded;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.server.access.AccessGuard;
import dev.camrtc.server.access.Grant;
import dev.camrtc.server.access.TokenTable;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryFeed;
import dev.camrtc.server.directory.SenderName;
import dev.camrtc.server.metrics.SignalingMetrics;
import java.util.List;

/**
 * Handles every frame a client sends: rate limit, decoding against PROTOCOL.md 3.7 (through
 * {@link MessageCodec}), then {@code announce} into the directory and every other type through the
 * {@link Relay}. A bad message gets one {@code error} and changes nothing.
 */
public final class MessageRouter {

    private final DirectoryFeed directory;
    private final Relay relay;
    private final ErrorReporter errors;
    private final SignalingMetrics metrics;
    private final AccessGuard guard;

    public MessageRouter(DirectoryFeed directory, Relay relay, ErrorReporter errors, SignalingMetrics metrics,
                         AccessGuard guard) {
        this.guard = guard;
        this.directory = directory;
        this.relay = relay;
        this.errors = errors;
        this.metrics = metrics;
    }

    /** A text message from {@code from} that arrived at {@code arrivedNanos} ({@link System#nanoTime()}). */
    public void onText(Peer from, String text, long arrivedNanos) {
        from.touch(arrivedNanos);
        if (!admit(from, text, arrivedNanos)) {
            return;
        }
        Decoded decoded = MessageCodec.decode(text, from.role());
        if (decoded instanceof Decoded.Failure failure) {
            metrics.received(failure.ref());
            errors.send(from, failure.code(), failure.message(), failure.ref());
            return;
        }
        Decoded.Ok ok = (Decoded.Ok) decoded;
        Message message = ok.message();
        metrics.received(message.type());
        if (message instanceof Announce announce) {
            onAnnounce(from, announce, arrivedNanos);
        } else if (message instanceof RequestOffer request) {
            onRequestOffer(from, request, ok.json(), arrivedNanos);
        } else if (message instanceof Control control) {
            onControl(from, control, ok.json(), arrivedNanos);
        } else {
            String target = relay.inSession(from, message.type(), ok.json());
            if (target != null) {
                relay.forward(from, target, message.type(), ok.json(), arrivedNanos);
            }
        }
    }

    /** A binary frame: not part of the protocol (PROTOCOL.md 1). */
    public void onBinary(Peer from, long arrivedNanos) {
        from.touch(arrivedNanos);
        if (!admit(from, null, arrivedNanos)) {
            return;
        }
        metrics.receivedBinary();
        errors.send(from, ErrorCode.BAD_MESSAGE, "binary frames are not part of the protocol; send JSON text", null);
    }

    /** The rate limit (PROTOCOL.md 1): false = dropped, with at most one rate_limited error a second. */
    private boolean admit(Peer from, String text, long now) {
        if (from.rateLimiter().tryAcquire(now)) {
            return true;
        }
        metrics.dropped();
        if (from.rateLimiter().shouldReport(now)) {
            errors.send(from, ErrorCode.RATE_LIMITED, "too many messages; this one and others were dropped",
                    typeOf(text));
        }
        return false;
    }

    private static String typeOf(String text) {
        if (text == null) {
            return null;
        }
        Decoded decoded = MessageCodec.decode(text);
        return decoded instanceof Decoded.Ok ok ? ok.message().type() : ((Decoded.Failure) decoded).ref();
    }

    private void onAnnounce(Peer sender, Announce announce, long arrivedNanos) {
        if (!sender.announceLimiter().tryAcquire(arrivedNanos)) {
            metrics.announceDropped();
            if (sender.announceLimiter().shouldReport(arrivedNanos)) {
                errors.send(sender, ErrorCode.RATE_LIMITED, "announce at most " + Peer.ANNOUNCE_RATE
                        + "/s (bursts of " + Peer.ANNOUNCE_BURST + "); this one and others were dropped", Announce.TYPE);
            }
            return;
        }
        if (announce.name() != null && !SenderName.isValid(announce.name())) {
            errors.send(sender, ErrorCode.BAD_MESSAGE,
                    "field 'name' must be 1..64 ASCII letters, digits, '-', '_' or '.'", Announce.TYPE);
            return;
        }
        if (announce.name() != null) {
            TokenTable tokens = guard.table();
            if (!tokens.mayPublishAs(tokens.grant(sender.accessKey()), announce.name())) {
                errors.send(sender, ErrorCode.FORBIDDEN, "this token may not publish under the name '"
                        + announce.name() + "'", Announce.TYPE);
                return;
            }
        }
        directory.announced(sender, announce);
    }

    private void onRequestOffer(Peer receiver, RequestOffer request, ObjectNode json, long arrivedNanos) {
        String sender = relay.sender(receiver, RequestOffer.TYPE, json);
        if (sender == null) {
            return;
        }
        if (request.streams() != null) {
            List<StreamDescription> announced = directory.streamsOf(sender);
            for (String name : request.streams()) {
                if (announced == null || announced.stream().noneMatch(s -> name.equals(s.name()))) {
                    errors.send(receiver, ErrorCode.BAD_MESSAGE,
                            "sender " + sender + " did not announce a stream '" + name + "'", RequestOffer.TYPE);
                    return;
                }
            }
        }
        receiver.askedSenders().add(sender);
        relay.forward(receiver, sender, RequestOffer.TYPE, json, arrivedNanos);
    }

    /** {@code control} is not tied to a session (3.3), but opens the way for the sender's {@code control_result}. */
    private void onControl(Peer receiver, Control control, ObjectNode json, long arrivedNanos) {
        String sender = relay.sender(receiver, Control.TYPE, json);
        if (sender == null) {
            return;
        }
        if (Control.OP_SET.equals(control.op())) {
            Grant grant = guard.table().grant(receiver.accessKey());
            if (grant == null || !grant.control()) {
                errors.send(receiver, ErrorCode.FORBIDDEN, "this token may not change camera settings (control set)",
                        Control.TYPE);
                return;
            }
        }
        receiver.controlledSenders().add(sender);
        relay.forward(receiver, sender, Control.TYPE, json, arrivedNanos);
    }
}
