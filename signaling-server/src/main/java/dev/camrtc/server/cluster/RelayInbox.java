package dev.camrtc.server.cluster;

import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.Role;
import dev.camrtc.server.connection.ConnectionRegistry;
import dev.camrtc.server.connection.Peer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.WriteCallback;

/**
 * Delivers what other instances relay to this instance's peers ({@link RelayFrame}s on this instance's channel):
 * a message to the local peer it addresses, checked again against the sessions this instance knows, and
 * {@code receiver_left} to a local sender. Runs on the Lettuce I/O thread that reads the subscription, in the
 * order Redis delivered the frames, and never blocks it: a delivery only queues the text for the peer (bounded in
 * bytes per peer), and what needs Redis (reading the directory of an instance not known yet) is handed to the
 * cluster thread. Never throws: a malformed frame is dropped with one log line ({@link MalformedLog}).
 */
final class RelayInbox {

    private final String self;
    private final String channel;
    private final RemoteState state;
    private final ConnectionRegistry registry;
    private final ClusterMetrics metrics;
    private final MalformedLog malformed;
    private final Consumer<String> unknownInstance;

    /** @param unknownInstance called (must not block) with the tag of an instance this one does not know yet */
    RelayInbox(String self, String channel, RemoteState state, ConnectionRegistry registry, ClusterMetrics metrics,
               MalformedLog malformed, Consumer<String> unknownInstance) {
        this.self = self;
        this.channel = channel;
        this.state = state;
        this.registry = registry;
        this.metrics = metrics;
        this.malformed = malformed;
        this.unknownInstance = unknownInstance;
    }

    /** One frame from this instance's channel. */
    void onFrame(String wire) {
        try {
            RelayFrame.Decoded decoded = RelayFrame.decode(wire);
            if (decoded instanceof RelayFrame.Malformed m) {
                metrics.droppedIn();
                malformed.dropped(channel, m.reason());
                return;
            }
            RelayFrame frame = ((RelayFrame.Ok) decoded).frame();
            if (frame.from().equals(self)) {
                metrics.droppedIn();
                malformed.dropped(channel, "a frame claiming to come from this instance");
                return;
            }
            if (!state.knows(frame.from())) {
                unknownInstance.accept(frame.from());
            }
            if (ReceiverLeft.TYPE.equals(frame.type())) {
                receiverLeft(frame.src(), frame.to());
            } else {
                relay(frame);
            }
        } catch (RuntimeException e) { // a bad frame must not stop the subscription's reader
            metrics.droppedIn();
            malformed.dropped(channel, "failed: " + e);
        }
    }

    private void relay(RelayFrame frame) {
        boolean toSender = frame.toSender();
        Peer target = registry.get(frame.to(), toSender ? Role.SENDER : Role.RECEIVER);
        if (target == null || !allowed(target, frame.src(), frame.type(), toSender)) {
            metrics.droppedIn(); // gone, or no session: expected when a peer just left, not logged
            return;
        }
        long arrivedMicros = frame.arrivedMicros();
        target.send(frame.text(), new WriteCallback() {
            @Override
            public void writeSuccess() {
                if (arrivedMicros > 0) {
                    metrics.relayLatency(RelayFrame.wallMicros() - arrivedMicros);
                }
            }
        });
        metrics.relayedIn();
    }

    private boolean allowed(Peer target, String src, String type, boolean toSender) {
        if (toSender) {
            if (RequestOffer.TYPE.equals(type) || Control.TYPE.equals(type)) {
                state.opened(target.id(), src, Control.TYPE.equals(type));
                return true;
            }
            return state.holds(target.id(), src, type);
        }
        return ControlResult.TYPE.equals(type) ? target.controlledSenders().contains(src)
                : target.askedSenders().contains(src);
    }

    private void receiverLeft(String receiverId, String senderId) {
        if (state.receiverLeft(senderId, receiverId)) {
            Peer sender = registry.get(senderId, Role.SENDER);
            if (sender != null) {
                sender.send(MessageCodec.encode(new ReceiverLeft(receiverId)));
            }
        }
    }
}
