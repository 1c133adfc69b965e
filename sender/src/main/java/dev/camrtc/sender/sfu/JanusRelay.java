package dev.camrtc.sender.sfu;

import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.sender.webrtc.Relay;
import dev.camrtc.sender.webrtc.SenderSignaling;
import dev.camrtc.sender.webrtc.WebRtcStreams;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --sfu janus:URL}: the sender serves receivers through a Janus VideoRoom. It keeps a Janus session and
 * the sender's room (number from the sender's name, created when missing); when the first receiver comes through
 * it, it publishes every video stream once ({@link JanusPublisher}) and subscribes each receiver to that feed
 * ({@link JanusSubscriber}); with no receiver through Janus for {@link SfuSettings#idleUnpublish()} it stops
 * publishing. Janus unreachable or lost: {@link #available()} is false (receivers are served peer-to-peer), one
 * log line, the sessions through it fail, and Janus is tried again every {@link SfuSettings#retry()}.
 *
 * <p>Threading: every Janus call and every state change runs on one worker thread with a bounded queue.
 */
public final class JanusRelay implements Relay {

    private static final Logger LOG = LoggerFactory.getLogger(JanusRelay.class);
    private static final int QUEUE = 1024;

    private final SfuSettings settings;
    private final String name;
    private final RtcEngine engine;
    private final WebRtcStreams streams;
    private final PeerSettings peerSettings;
    private final long room;
    private final ThreadPoolExecutor io;
    private final ScheduledExecutorService timer;
    private final Set<JanusSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final HttpClient http;
    private JanusSession session; // io thread only
    private long generation;      // io thread only
    private boolean downLogged;   // io thread only
    private long publications;    // io thread only
    private volatile JanusPublisher publisher;
    private volatile boolean up;
    private volatile boolean closed;

    private JanusRelay(SfuSettings settings, String name, RtcEngine engine, WebRtcStreams streams,
                       PeerSettings peerSettings) {
        this.settings = settings;
        this.name = name;
        this.engine = engine;
        this.streams = streams;
        this.peerSettings = peerSettings;
        this.room = VideoRoom.roomFor(name);
        this.http = JanusSession.httpClient(settings.limits());
        this.io = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "sfu-janus-" + name);
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sfu-timer-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting to Janus in the background; {@code name} names the room and the publisher. */
    public static JanusRelay start(SfuSettings settings, String name, RtcEngine engine, WebRtcStreams streams,
                                   PeerSettings peerSettings) {
        JanusRelay r = new JanusRelay(settings, name, engine, streams, peerSettings);
        r.submit(r::connect);
        return r;
    }

    @Override
    public boolean available() {
        return up && !closed && subscribers.size() < settings.maxReceivers();
    }

    @Override
    public int after() {
        return settings.after();
    }

    /** The room this sender publishes into. */
    public long room() {
        return room;
    }

    @Override
    public List<SenderSignaling.OpenSession> publishers() {
        JanusPublisher p = publisher;
        return p == null ? List.of() : List.of(new SenderSignaling.OpenSession(p.id(), "janus", p.peer()));
    }

    @Override
    public Relay.Session open(String receiverId, List<String> names, PeerListener events) {
        JanusSubscriber sub = new JanusSubscriber(receiverId, names, events, io, settings.limits(), this::closed);
        subscribers.add(sub);
        if (!submit(() -> subscribe(sub))) {
            sub.cannotSubscribe(new JanusException("the Janus worker is overloaded or stopped"));
        }
        return sub;
    }

    private void subscribe(JanusSubscriber sub) {
        if (session == null) {
            sub.cannotSubscribe(new JanusException("Janus is not reachable"));
            return;
        }
        try {
            ensurePublished();
        } catch (RuntimeException e) {
            sub.cannotSubscribe(e);
            // until the retry, receivers go peer-to-peer at once instead of each waiting for a failing publish
            lost(generation, "publishing failed: " + e.getMessage());
            return;
        }
        sub.subscribe(session, room, publisher);
    }

    private void ensurePublished() {
        if (publisher != null) {
            return;
        }
        long gen = generation;
        publisher = JanusPublisher.publish("sfu-publisher-" + (++publications), session, room, name, engine, streams,
                peerSettings, settings.limits(), why -> submit(() -> lost(gen, why)));
        LOG.info("{}: publishing {} into Janus room {} (feed {})", name, publisher.namesByMid().values(), room,
                publisher.feed());
    }

    private void connect() {
        if (closed || session != null) {
            return;
        }
        JanusSession s = null;
        try {
            s = JanusSession.create(http, settings.janus(), settings.limits(), name);
            long gen = ++generation;
            s.onLost(why -> submit(() -> lost(gen, why)));
            try (JanusHandle h = s.attach(VideoRoom.PLUGIN, null)) {
                VideoRoom.ensure(h, room, name, peerSettings.codec().name().toLowerCase(Locale.ROOT));
            }
            session = s;
            up = true;
            LOG.info("{}: Janus at {} {}: room {}; receivers beyond the first {} go through it", name, settings.janus(),
                    downLogged ? "is back" : "ready", room, settings.after());
            downLogged = false;
        } catch (RuntimeException e) {
            if (s != null) {
                s.close();
            }
            if (!downLogged) {
                LOG.warn("{}: Janus at {} unreachable ({}); serving receivers peer-to-peer, trying again every {} s",
                        name, settings.janus(), e.getMessage(), settings.retry().toSeconds());
                downLogged = true;
            }
            retryLater();
        }
    }

    private void lost(long gen, String why) {
        if (gen != generation || session == null) {
            return;
        }
        up = false;
        closePublisher();
        session.close();
        session = null;
        subscribers.forEach(JanusSubscriber::relayLost);
        LOG.warn("{}: Janus lost ({}); serving receivers peer-to-peer until it is back", name, why);
        downLogged = true;
        retryLater();
    }

    private void retryLater() {
        if (!closed) {
            timer.schedule(() -> submit(this::connect), settings.retry().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void closed(JanusSubscriber sub) {
        subscribers.remove(sub);
        if (subscribers.isEmpty() && !closed) {
            try {
                timer.schedule(() -> submit(this::unpublishIfIdle), settings.idleUnpublish().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void unpublishIfIdle() {
        if (subscribers.isEmpty() && publisher != null) {
            closePublisher();
            LOG.info("{}: no receiver through Janus for {} s: stopped publishing", name,
                    settings.idleUnpublish().toSeconds());
        }
    }

    private void closePublisher() {
        JanusPublisher p = publisher;
        publisher = null;
        if (p != null) {
            p.close();
        }
    }

    private boolean submit(Runnable task) {
        try {
            io.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("{}: SFU task failed: {}", name, e.toString());
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Stops publishing, destroys the Janus session and stops the worker (after the sessions were closed). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        up = false;
        submit(() -> {
            closePublisher();
            if (session != null) {
                session.close();
                session = null;
            }
        });
        io.shutdown();
        timer.shutdownNow();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{}: the SFU worker is still busy after 10 s at shutdown", name);
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
