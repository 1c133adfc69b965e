package dev.camrtc.sender.webrtc;

import dev.camrtc.media.rtc.LocalOffer;
import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.program.Errors;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.RequestOffer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's side of PROTOCOL.md 3.3-3.5: one {@link OfferingPeer} per receiver, an offer with a
 * {@code session_id} per {@code request_offer}, answers, candidates and hangups applied to the right
 * session, and every session's resources freed when it ends by any route (hangup, receiver_left,
 * replacement, failed or long-disconnected peer, shutdown). Every method runs on {@code serial}; the peers'
 * own events (connection state, local candidates) are handled by {@link SessionEvents}, on {@code serial} too.
 */
final class OfferSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OfferSessions.class);

    private final RtcEngine engine;
    private final WebRtcStreams streams;
    private final PeerSettings settings;
    private final SessionLimits limits;
    private final SessionSlots slots; // --max-sessions, shared with WHEP
    private final SessionTimings timings;
    private final Consumer<Message> out;
    private final ScheduledExecutorService serial;
    private final Supplier<String> label;
    private final SessionTable<SessionPeer> sessions;
    private final SessionEvents events;
    private volatile List<IceServer> iceServers = List.of();
    private volatile Relay relay; // null: every session peer-to-peer
    private long connectionLosses; // serial thread only
    private final BusyRefusals busyRefusals;

    OfferSessions(RtcEngine engine, WebRtcStreams streams, PeerSettings settings, SessionLimits limits,
                  SessionSlots slots, SessionTimings timings, Consumer<Message> out, ScheduledExecutorService serial,
                  Supplier<String> label) {
        this.engine = engine;
        this.streams = streams;
        this.settings = settings;
        this.limits = limits;
        this.slots = slots;
        this.timings = timings;
        this.out = out;
        this.serial = serial;
        this.label = label;
        this.sessions = new SessionTable<>(label);
        this.events = new SessionEvents(sessions, timings, out, serial, label);
        this.busyRefusals = new BusyRefusals(label);
    }

    /** Serves receivers beyond the relay's {@link Relay#after()} through {@code relay} while it is available. */
    void relayThrough(Relay relay) {
        this.relay = relay;
    }

    SessionTable<SessionPeer> sessions() {
        return sessions;
    }

    /**
     * A new signaling connection: its ICE servers apply to new sessions; sessions of the old connection that
     * were never answered are closed (their answer can no longer arrive), answered ones become orphans.
     */
    void connected(List<IceServer> servers) {
        iceServers = List.copyOf(servers);
        for (var s : sessions.sessions()) {
            if (!s.peer().answered()) {
                sessions.closeSession(s.sessionId(), "never answered before signaling reconnected");
            }
        }
        int orphans = sessions.orphanAll();
        if (orphans > 0) {
            LOG.info("{}: {} session(s) of the previous signaling connection keep streaming", label.get(), orphans);
        }
    }

    void requestOffer(RequestOffer request) {
        String receiver = request.receiverId();
        WebRtcStreams.Requested asked = streams.requested(request.streams());
        for (String n : asked.unknown()) {
            LOG.info("{}: {} asked for stream {}, which is not sent over WebRTC; left out", label.get(), receiver, n);
        }
        if (asked.isEmpty()) {
            LOG.info("{}: nothing to offer {} (asked for {}); hanging up", label.get(), receiver, asked.unknown());
            sessions.close(receiver, null, "request for no sendable stream");
            out.accept(Hangup.toReceiver(receiver, null, "no sendable stream"));
            return;
        }
        List<String> names = asked.tracks();
        List<String> channels = asked.channels();
        Relay r = relay;
        if (r != null && channels.isEmpty() && directSessions() >= r.after() && r.available()) {
            offerThroughRelay(r, request, names);
            return;
        }
        offerDirect(receiver, names, channels);
    }

    /** Sessions with the sender's own peer connection (each encodes on its own), orphans included. */
    private int directSessions() {
        return (int) sessions.sessions().stream().filter(s -> s.peer() instanceof DirectPeer).count();
    }

    private void offerDirect(String receiver, List<String> names, List<String> channels) {
        // a receiver's new session takes over the slot of the peer-to-peer one it replaces
        SessionSlots.Slot slot = sessions.find(receiver, null)
                .map(s -> s.peer() instanceof DirectPeer d ? d.handOverSlot() : null)
                .or(slots::take).orElse(null);
        if (slot == null) {
            busy(receiver);
            return;
        }
        String sessionId = sessions.newSessionId();
        OfferingPeer peer;
        var sources = streams.acquire(names);
        try {
            peer = engine.createOfferingPeer(receiver, iceServers, sources, channels, settings,
                    events.listener(receiver, sessionId));
        } catch (RuntimeException e) {
            streams.release(names);
            slot.close();
            LOG.warn("{}: cannot create a peer connection for {}: {}", label.get(), receiver, e.toString());
            // the session it replaces (whose slot this was, if peer-to-peer) ends too, as the hangup says
            sessions.close(receiver, null, "its new session failed");
            out.accept(Hangup.toReceiver(receiver, null, Hangup.FAILED));
            return;
        }
        DirectPeer session = new DirectPeer(peer, names, streams, slot);
        session.attachDepth();
        sessions.put(receiver, sessionId, session);
        LOG.info("{}: offering {}{} to {} (session {})", label.get(), names,
                channels.isEmpty() ? "" : " and data channels " + channels, receiver, sessionId);
        peer.createOffer()
                .orTimeout(timings.offerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((offer, error) -> events.onSerial(() -> offerReady(receiver, sessionId, session, offer, error,
                        () -> {
                            LOG.warn("{}: offer for {} failed: {}", label.get(), receiver, Errors.rootMessage(error));
                            events.endAndHangUp(receiver, sessionId, Hangup.FAILED, "offer failed");
                        })));
    }

    /**
     * Serves the receiver through the relay: its offer, relayed as the sender's own. When the relay cannot make one
     * (lost meanwhile), the receiver is served peer-to-peer instead.
     */
    private void offerThroughRelay(Relay r, RequestOffer request, List<String> names) {
        String receiver = request.receiverId();
        String sessionId = sessions.newSessionId();
        Relay.Session relayed = r.open(receiver, names, events.listener(receiver, sessionId));
        RelayedPeer session = new RelayedPeer(relayed, names);
        sessions.put(receiver, sessionId, session);
        LOG.info("{}: offering {} to {} through the SFU (session {})", label.get(), names, receiver, sessionId);
        relayed.offer()
                .orTimeout(timings.offerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((offer, error) -> events.onSerial(() -> offerReady(receiver, sessionId, session, offer, error,
                        () -> {
                            LOG.warn("{}: no SFU offer for {} ({}); serving it peer-to-peer", label.get(), receiver,
                                    Errors.rootMessage(error));
                            sessions.closeSession(sessionId, "no SFU offer");
                            offerDirect(receiver, names, List.of());
                        })));
    }

    private void offerReady(String receiver, String sessionId, SessionPeer session, LocalOffer offer, Throwable error,
                            Runnable onError) {
        if (!sessions.find(receiver, sessionId).isPresent()) {
            LOG.debug("{}: offer of ended session {} dropped", label.get(), sessionId);
            return;
        }
        if (error != null) {
            onError.run();
            return;
        }
        out.accept(Offer.toReceiver(receiver, offer.offer(), offer.streams(), sessionId));
        session.offerSent(c -> out.accept(Candidate.toReceiver(receiver, c, sessionId)));
        serial.schedule(() -> answerTimedOut(receiver, sessionId), limits.answerTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("{}: offer sent to {} (session {}, {})", label.get(), receiver, sessionId,
                session instanceof RelayedPeer ? "from the SFU" : settings.trickle() ? "trickle" : "all candidates inside");
    }

    void answer(Answer answer) {
        String receiver = answer.receiverId();
        var found = sessions.find(receiver, answer.sessionId());
        if (found.isEmpty()) {
            LOG.info("{}: answer from {} for session {} ignored: not its current session", label.get(), receiver,
                    answer.sessionId());
            return;
        }
        String sessionId = found.get().sessionId();
        found.get().peer().answerArrived();
        found.get().peer().applyAnswer(answer.answer())
                .orTimeout(timings.answerApplyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> events.onSerial(() -> {
                    if (error == null) {
                        LOG.info("{}: answer of {} applied (session {})", label.get(), receiver, sessionId);
                    } else if (sessions.isOpen(sessionId)) {
                        LOG.warn("{}: answer of {} refused: {}", label.get(), receiver, Errors.rootMessage(error));
                        events.endAndHangUp(receiver, sessionId, Hangup.FAILED, "bad answer");
                    }
                }));
    }

    void candidate(Candidate candidate) {
        String receiver = candidate.receiverId();
        var found = sessions.find(receiver, candidate.sessionId());
        if (found.isEmpty()) {
            LOG.debug("{}: candidate from {} for session {} ignored", label.get(), receiver, candidate.sessionId());
            return;
        }
        String sessionId = found.get().sessionId();
        boolean accepted;
        try {
            accepted = found.get().peer().addRemoteCandidate(candidate.candidate());
        } catch (IllegalArgumentException e) {
            LOG.debug("{}: candidate from {} ignored: {}", label.get(), receiver, e.getMessage());
            return;
        }
        if (!accepted) {
            events.endAndHangUp(receiver, sessionId, Hangup.FAILED, "too many remote candidates (limit "
                    + PeerSettings.MAX_REMOTE_CANDIDATES + " or " + PeerSettings.MAX_REMOTE_CANDIDATE_BYTES / 1024
                    + " KiB)");
        }
    }

    void hangup(Hangup hangup) {
        if (!sessions.close(hangup.receiverId(), hangup.sessionId(), "hangup")) {
            LOG.debug("{}: hangup from {} for session {} ignored: not its current session", label.get(),
                    hangup.receiverId(), hangup.sessionId());
        }
    }

    /**
     * Closes the receiver's session after {@link SessionTimings#receiverLeftGrace()}, unless signaling drops
     * first (a server shutting down reports all its receivers as left; their media should survive it).
     */
    void receiverLeft(ReceiverLeft left) {
        long losses = connectionLosses;
        serial.schedule(() -> {
            if (losses == connectionLosses) {
                sessions.close(left.receiverId(), null, "receiver left");
            } else if (sessions.sessions().stream().anyMatch(s -> s.receiverId().equals(left.receiverId()))) {
                LOG.info("{}: receiver_left of {} came just before signaling dropped (server shutdown?); "
                        + "its session keeps streaming", label.get(), left.receiverId());
            }
        }, timings.receiverLeftGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The signaling connection was lost: pending receiver_left closes are dropped, sessions keep streaming. */
    void disconnected() {
        connectionLosses++;
    }

    /** Shutdown: tells reachable receivers (when {@code tell}), then closes every session. */
    List<SessionTable.Session<SessionPeer>> closeAll(boolean tell) {
        if (tell) {
            for (var s : sessions.sessions()) {
                if (sessions.find(s.receiverId(), s.sessionId()).isPresent()) {
                    out.accept(Hangup.toReceiver(s.receiverId(), s.sessionId(), Hangup.STOPPING));
                }
            }
        }
        return sessions.closeAll("sender shutting down");
    }

    /** A {@code request_offer} beyond {@code --max-sessions} (peer-to-peer): hangup {@code busy}; logged at most every 10 s. */
    private void busy(String receiver) {
        out.accept(Hangup.toReceiver(receiver, null, Hangup.BUSY));
        busyRefusals.refused(receiver, directSessions(), limits.maxSessions());
    }

    private void answerTimedOut(String receiver, String sessionId) {
        sessions.bySessionId(sessionId).ifPresent(s -> {
            if (!s.peer().answered()) {
                events.endAndHangUp(receiver, sessionId, Hangup.ANSWER_TIMEOUT,
                        "no answer within " + limits.answerTimeout().toSeconds() + " s");
            }
        });
    }
}
