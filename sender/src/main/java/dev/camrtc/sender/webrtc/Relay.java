package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.LocalOffer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.SessionDescription;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A selective forwarding unit the sender publishes its streams into once, serving receivers from there instead
 * of peer-to-peer (implemented by the {@code sfu} package; {@link OfferSessions} decides per {@code request_offer}).
 * The receiver sees an ordinary offer from the sender (PROTOCOL.md 3.3) whose media comes from the SFU.
 */
public interface Relay extends AutoCloseable {

    /** True when a new receiver can be served through the relay now (reachable, below its receiver cap). */
    boolean available();

    /** Receivers (requests beyond the first {@code after}) that stay peer-to-peer; the rest use the relay. */
    int after();

    /**
     * Starts a relayed session sending the video {@code streams} to {@code receiverId}; the session's connection
     * state (connected, failed: also when the relay is lost) goes to {@code events}, from any thread.
     */
    Session open(String receiverId, List<String> streams, PeerListener events);

    /**
     * The sender's own peer connections into the relay (its publisher), for the stats poller, each with an id of its
     * own (a new publication gets a new id, so its counters start a new series); may be empty.
     */
    List<SenderSignaling.OpenSession> publishers();

    @Override
    void close();

    /** One receiver's session through the relay. Every method returns at once; the work happens off the caller. */
    interface Session extends AutoCloseable {

        /** The relay's offer for the receiver, with {@code streams} mapping its m-lines to stream names. */
        CompletableFuture<LocalOffer> offer();

        /** Hands the receiver's answer to the relay; completes when the relay accepted it. */
        CompletableFuture<Void> answer(SessionDescription answer);

        /** Hands a trickled candidate of the receiver to the relay (null = end of candidates). */
        void candidate(IceCandidate candidateOrNull);

        @Override
        void close();
    }
}
