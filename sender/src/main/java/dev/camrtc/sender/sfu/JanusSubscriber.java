package dev.camrtc.sender.sfu;

import dev.camrtc.media.rtc.LocalOffer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.sender.webrtc.Relay;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One receiver served by Janus: a subscriber handle joined to the sender's own feed with the receiver's streams.
 * Janus's offer goes to the receiver as the sender's; the receiver's answer becomes {@code start}, its candidates
 * {@code trickle}s; {@code webrtcup} reports the session connected, {@code hangup} failed (disconnected when the
 * receiver closed its side: its own hangup or {@code receiver_left} then ends the session quietly), and so does a
 * lost Janus.
 * Every Janus call runs on {@code io} (the relay's one worker), never on the caller's thread.
 */
final class JanusSubscriber implements Relay.Session {

    private final String receiver;
    private final List<String> streams;
    private final PeerListener events;
    private final Executor io;
    private final JanusLimits limits;
    private final Consumer<JanusSubscriber> onClose;
    private final CompletableFuture<LocalOffer> offer = new CompletableFuture<>();
    private volatile JanusHandle handle;
    private volatile boolean closed;
    private volatile boolean failed;

    JanusSubscriber(String receiver, List<String> streams, PeerListener events, Executor io, JanusLimits limits,
                    Consumer<JanusSubscriber> onClose) {
        this.receiver = receiver;
        this.streams = List.copyOf(streams);
        this.events = events;
        this.io = io;
        this.limits = limits;
        this.onClose = onClose;
    }

    String receiver() {
        return receiver;
    }

    /** On the relay's worker: attaches, joins the publisher's feed, and completes {@link #offer()}. */
    void subscribe(JanusSession session, long room, JanusPublisher publisher) {
        if (closed) {
            offer.completeExceptionally(new JanusException("closed before subscribing"));
            return;
        }
        try {
            JanusHandle h = session.attach(VideoRoom.PLUGIN, this::onEvent);
            handle = h;
            if (closed) {
                h.close();
                return;
            }
            JanusEvent attached = h.message(VideoRoom.joinSubscriber(room, publisher.feed(), publisher.midsOf(streams)), null)
                    .get(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (attached.jsep() == null) {
                throw new JanusException("Janus attached the subscriber without an offer: " + attached.raw());
            }
            offer.complete(new LocalOffer(SessionDescription.offer(attached.jsep().path("sdp").asText()),
                    VideoRoom.subscriberStreams(attached.data(), publisher.namesByMid())));
        } catch (Exception e) {
            offer.completeExceptionally(e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
        }
    }

    /** No offer can be made (Janus lost meanwhile, publishing failed): the receiver is served another way. */
    void cannotSubscribe(Exception why) {
        offer.completeExceptionally(why);
    }

    /** The relay can no longer serve anyone (Janus lost or the publisher failed). */
    void relayLost() {
        if (!offer.completeExceptionally(new JanusException("Janus lost"))) {
            fail(); // the offer went out: the session ends (its receiver is told and may ask again)
        }
    }

    @Override
    public CompletableFuture<LocalOffer> offer() {
        return offer;
    }

    @Override
    public CompletableFuture<Void> answer(SessionDescription answer) {
        try {
            return CompletableFuture.supplyAsync(() -> start(answer), io);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new JanusException("the Janus worker is overloaded or stopped"));
        }
    }

    /** On the relay's worker: {@code start} with the receiver's answer. */
    private Void start(SessionDescription answer) {
        JanusHandle h = requireHandle();
        try {
            h.message(VideoRoom.start(), answer).get(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (Exception e) {
            throw new JanusException("Janus refused the answer of " + receiver + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }

    @Override
    public void candidate(IceCandidate candidateOrNull) {
        try {
            io.execute(() -> {
                try {
                    requireHandle().trickle(candidateOrNull);
                } catch (JanusException e) {
                    // Janus lost or the session ended: the session ends through its events
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the worker's queue is full or shut down: the candidate is dropped (ICE may still connect on others)
        }
    }

    private JanusHandle requireHandle() {
        JanusHandle h = handle;
        if (h == null || closed) {
            throw new JanusException("the subscriber of " + receiver + " is not attached");
        }
        return h;
    }

    private void onEvent(JanusEvent e) {
        switch (e.janus()) {
            case "webrtcup" -> events.onConnectionStateChange(RTCPeerConnectionState.CONNECTED);
            case "hangup" -> {
                if (e.raw().path("reason").asText("").contains("DTLS alert")) {
                    // the receiver closed its peer connection: its hangup or receiver_left normally follows at
                    // once; if neither comes, the session ends like any peer disconnected for too long
                    events.onConnectionStateChange(RTCPeerConnectionState.DISCONNECTED);
                } else {
                    fail();
                }
            }
            case "detached" -> fail();
            default -> { }
        }
    }

    private void fail() {
        if (!failed && !closed) {
            failed = true;
            events.onConnectionStateChange(RTCPeerConnectionState.FAILED);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        offer.completeExceptionally(new JanusException("closed"));
        onClose.accept(this);
        JanusHandle h = handle;
        if (h != null) {
            try {
                io.execute(h::close);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                h.close();
            }
        }
    }
}
