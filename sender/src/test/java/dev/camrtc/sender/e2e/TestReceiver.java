package dev.camrtc.sender.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.media.rtc.AnsweringPeer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.client.SignalingClient;
import dev.camrtc.protocol.client.SignalingException;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java WebRTC receiver for tests and benchmarks, built only on the shared pieces: the protocol's
 * {@link SignalingClient} and media's {@link AnsweringPeer}. It follows PROTOCOL.md as any third-party
 * receiver would: directory, {@code request_offer}, answer echoing {@code session_id}, trickled
 * candidates, hangup, controls. Frames are checked and counted per stream by {@link StreamReport}.
 *
 * <pre>{@code
 * try (TestReceiver r = TestReceiver.connect(serverUri, null, engine)) {
 *     SenderInfo cam = r.awaitSender("lab-cam", Duration.ofSeconds(5));
 *     TestReceiver.Watch w = r.watch(cam.senderId(), null);
 *     w.awaitFrames("color", 30, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class TestReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestReceiver.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private final RtcEngine engine;
    private final Map<String, SenderInfo> directory = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Watch>> pendingOffers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ControlResult>> pendingControls = new ConcurrentHashMap<>();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final List<ErrorMessage> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final Object directoryChanged = new Object();
    private final boolean trickle;
    private SignalingClient client;

    private TestReceiver(RtcEngine engine, boolean trickle) {
        this.engine = engine;
        this.trickle = trickle;
    }

    /** Connects to the signaling server (its base URL) and waits for {@code registered}; non-trickle answers. */
    public static TestReceiver connect(URI server, String token, RtcEngine engine)
            throws SignalingException, InterruptedException {
        return connect(server, token, engine, false);
    }

    /**
     * Connects; with {@code trickle} the answer goes out at once and local candidates follow in
     * {@code candidate} messages (after the answer, with the session id).
     */
    public static TestReceiver connect(URI server, String token, RtcEngine engine, boolean trickle)
            throws SignalingException, InterruptedException {
        TestReceiver r = new TestReceiver(engine, trickle);
        r.client = SignalingClient.connect(SignalingOptions.receiver(server, token).withConnectTimeout(STEP_TIMEOUT),
                r.new Events());
        return r;
    }

    public String receiverId() {
        return client.id();
    }

    public Registered registered() {
        return client.registered();
    }

    /** Errors the server sent so far. */
    public List<ErrorMessage> errors() {
        return List.copyOf(errors);
    }

    /** Waits for a sender of that name that has announced its streams. */
    public SenderInfo awaitSender(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (directoryChanged) {
            while (true) {
                Optional<SenderInfo> found = directory.values().stream()
                        .filter(s -> name.equals(s.name()) && s.streams() != null).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no announced sender named " + name + " within " + timeout
                            + "; directory: " + directory.values());
                }
                TimeUnit.NANOSECONDS.timedWait(directoryChanged, left);
            }
        }
    }

    /**
     * Asks {@code senderId} for an offer of {@code streams} (null = all), answers it and returns the
     * watch; frames arrive in its {@link StreamReport}s once ICE connects.
     */
    public Watch watch(String senderId, List<String> streams) throws Exception {
        CompletableFuture<Watch> offered = new CompletableFuture<>();
        pendingOffers.put(senderId, offered);
        client.send(RequestOffer.toSender(senderId, streams)).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Watch watch = offered.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Offer offer = watch.offer();
        SenderInfo info = directory.get(senderId);
        watch.peer = engine.createAnsweringPeer(senderId, client.registered().iceServers(),
                PeerSettings.defaults().withTrickle(trickle), watch, watch::onFrame, watch.depth::add);
        watch.flushCandidates();
        SessionDescription answer = watch.peer.acceptOffer(offer.offer(), offer.streams(),
                info == null || info.streams() == null ? List.of() : info.streams())
                .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        client.send(Answer.toSender(senderId, answer, offer.sessionId()));
        watch.answerSent();
        return watch;
    }

    /** Sends a {@code control} and waits for its {@code control_result}. */
    public ControlResult control(String senderId, String op, String name, JsonNode value) throws Exception {
        String id = "q" + requestIds.incrementAndGet();
        CompletableFuture<ControlResult> result = new CompletableFuture<>();
        pendingControls.put(id, result);
        client.send(new Control(senderId, null, id, op, name, value));
        return result.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends any message as is (e.g. a stale hangup in a test). */
    public void send(Message message) throws Exception {
        client.send(message).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hangs up the watch of {@code senderId} (with its session id) and closes its peer. */
    public void hangup(String senderId) throws Exception {
        Watch w = watches.remove(senderId);
        if (w != null) {
            client.send(Hangup.toSender(senderId, w.sessionId())).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            w.closePeer();
        }
    }

    /** Closes every peer, then the signaling connection (no hangup: the server reports receiver_left). */
    @Override
    public void close() {
        watches.values().forEach(Watch::closePeer);
        watches.clear();
        if (client != null) {
            client.close();
        }
    }

    /** One session with one sender. */
    public final class Watch implements PeerListener {
        private final String senderId;
        private final Offer offer;
        private final Map<String, StreamReport> reports = new ConcurrentHashMap<>();
        /** Depth frames of the data-channel stream(s), checked against the test pattern. */
        private final DepthReport depth = new DepthReport();
        /** (counter -> stamped capture ms) of the newest color frames, for pairing with depth. */
        private final Map<Long, Long> colorStamps = java.util.Collections.synchronizedMap(
                new java.util.LinkedHashMap<>(16, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                        return size() > 2000;
                    }
                });
        private final List<IceCandidate> early = new ArrayList<>();
        private final List<IceCandidate> localEarly = new ArrayList<>();
        private boolean answerSent;
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final CompletableFuture<Void> hungUp = new CompletableFuture<>();
        private volatile AnsweringPeer peer;
        private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
        private volatile java.util.function.Consumer<dev.camrtc.media.rtc.ReceivedFrame> tap = f -> { };

        Watch(String senderId, Offer offer) {
            this.senderId = senderId;
            this.offer = offer;
        }

        public String sessionId() {
            return offer.sessionId();
        }

        public Offer offer() {
            return offer;
        }

        public AnsweringPeer peer() {
            return peer;
        }

        public RTCPeerConnectionState state() {
            return state;
        }

        /** The report of {@code stream} (created on first use). */
        public StreamReport report(String stream) {
            return reports.computeIfAbsent(stream, StreamReport::new);
        }

        /** Completes when the sender hangs up this session. */
        public CompletableFuture<Void> hungUp() {
            return hungUp;
        }

        public void awaitConnected(Duration timeout) throws Exception {
            connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Waits until {@code stream} has delivered {@code n} stamped frames. */
        public void awaitFrames(String stream, int n, Duration timeout) throws InterruptedException {
            report(stream).await(n, timeout);
        }

        public DepthReport depth() {
            return depth;
        }

        /** Stamped (counter -> capture ms) of the newest color frames. */
        public Map<Long, Long> colorStamps() {
            synchronized (colorStamps) {
                return Map.copyOf(colorStamps);
            }
        }

        /** Also hands every received frame to {@code t} (on the delivery thread, before the frame is released). */
        public void tap(java.util.function.Consumer<dev.camrtc.media.rtc.ReceivedFrame> t) {
            tap = t;
        }

        void onFrame(dev.camrtc.media.rtc.ReceivedFrame frame) {
            tap.accept(frame);
            report(frame.frame().stream()).add(frame);
            if ("color".equals(frame.frame().stream())) {
                frame.stamp().ifPresent(st -> colorStamps.put(st.counter(), st.captureTimeMillis()));
            }
        }

        @Override
        public void onConnectionStateChange(RTCPeerConnectionState s) {
            state = s;
            if (s == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            }
        }

        @Override
        public synchronized void onLocalCandidate(IceCandidate candidateOrNull) {
            if (answerSent) {
                client.send(Candidate.toSender(senderId, candidateOrNull, sessionId()));
            } else {
                localEarly.add(candidateOrNull);
            }
        }

        synchronized void answerSent() {
            answerSent = true;
            localEarly.forEach(c -> client.send(Candidate.toSender(senderId, c, sessionId())));
            localEarly.clear();
        }

        synchronized void candidate(IceCandidate c) {
            if (peer == null) {
                early.add(c);
            } else {
                peer.addRemoteCandidate(c);
            }
        }

        synchronized void flushCandidates() {
            early.forEach(c -> peer.addRemoteCandidate(c));
            early.clear();
        }

        void closePeer() {
            AnsweringPeer p = peer;
            if (p != null) {
                p.close();
            }
        }
    }

    private final class Events implements SignalingClient.Listener {
        @Override
        public void onMessage(Message message) {
            if (message instanceof SenderInfo s) {
                synchronized (directoryChanged) {
                    directory.put(s.senderId(), s);
                    directoryChanged.notifyAll();
                }
            } else if (message instanceof SenderLeft l) {
                directory.remove(l.senderId());
            } else if (message instanceof Offer o) {
                CompletableFuture<Watch> f = pendingOffers.remove(o.senderId());
                if (f != null) {
                    Watch w = new Watch(o.senderId(), o);
                    Watch old = watches.put(o.senderId(), w);
                    if (old != null) {
                        old.closePeer();
                    }
                    f.complete(w);
                }
            } else if (message instanceof Candidate c) {
                Watch w = watches.get(c.senderId());
                if (w != null && (c.sessionId() == null || c.sessionId().equals(w.sessionId()))) {
                    w.candidate(c.candidate());
                }
            } else if (message instanceof Hangup h) {
                Watch w = watches.get(h.senderId());
                if (w != null && (h.sessionId() == null || h.sessionId().equals(w.sessionId()))) {
                    w.hungUp.complete(null);
                }
            } else if (message instanceof ControlResult r) {
                CompletableFuture<ControlResult> f = pendingControls.remove(r.requestId());
                if (f != null) {
                    f.complete(r);
                }
            } else if (message instanceof ErrorMessage e) {
                LOG.info("test receiver: server error {} for {}: {}", e.code(), e.ref(), e.message());
                errors.add(e);
            }
        }
    }
}
