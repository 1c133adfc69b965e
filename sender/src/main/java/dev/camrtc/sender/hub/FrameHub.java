package dev.camrtc.sender.hub;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fan-out between a {@link CameraSource} and its consumers (MJPEG broadcasters, WebRTC video
 * sources). Consumers subscribe per stream; the hub keeps the source's demand equal to the set of streams
 * with at least one subscriber (calling {@link CameraSource#demand(Set)} on every change), so nothing is
 * captured for a stream nobody watches.
 *
 * <p>Delivery: the hub is the source's {@link FrameSink}. Each frame is handed, on the source's thread, to
 * every subscriber of its stream in turn, with no hub lock held (a copy-on-write snapshot), so subscribing
 * and unsubscribing never block the source. Subscribers must therefore be quick (hand the frame to their
 * own thread or slot; well under a millisecond) and must not keep writing to it: a slow subscriber delays
 * the next ones and the source. An exception thrown by a subscriber is logged (at most once per second per
 * subscription) and does not affect the others.
 *
 * <p>Frame ownership (see {@link CameraFrame}): frames are reference counted and usually come from the
 * source's frame pool. A subscriber borrows each frame for the duration of its callback; one that keeps it
 * longer (parks it for another thread) calls {@link CameraFrame#retain()} in the callback and
 * {@link CameraFrame#release()} when done. The source releases its own reference after the hub returns,
 * so a frame nobody retained goes back to the pool at once.
 *
 * <p>After {@link Subscription#close()} returns, its consumer is never called again (a delivery in progress
 * on another thread is waited for). Do not close one subscription from inside another one's callback when
 * the source delivers from several threads (two such callbacks could wait for each other).
 *
 * <p>The hub does not own the source: its owner starts it (or uses {@link #start(String, CameraSource)}) and
 * closes it after the hub. Thread-safe.
 */
public final class FrameHub implements FrameSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameHub.class);
    private static final Subscriber[] NONE = new Subscriber[0];

    private final String senderName;
    private final CameraSource source;
    private final Set<String> known;
    private final Object lock = new Object();
    private final Map<String, List<Subscriber>> subscribers = new HashMap<>();
    private volatile Map<String, Subscriber[]> routes = Map.of();
    private Set<String> demand = Set.of();
    private boolean closed;

    /** A hub for {@code source}; the caller starts the source with this hub as its sink. */
    public FrameHub(String senderName, CameraSource source) {
        this.senderName = Objects.requireNonNull(senderName, "senderName");
        this.source = Objects.requireNonNull(source, "source");
        this.known = Set.copyOf(source.streams().stream().map(StreamDescription::name).toList());
    }

    /** Creates a hub and starts {@code source} with it as the sink. */
    public static FrameHub start(String senderName, CameraSource source) {
        FrameHub hub = new FrameHub(senderName, source);
        source.start(hub);
        return hub;
    }

    public CameraSource source() {
        return source;
    }

    /** The source's streams. */
    public List<StreamDescription> streams() {
        return source.streams();
    }

    /** The streams with at least one subscriber (what the source was last asked to capture). */
    public Set<String> demand() {
        synchronized (lock) {
            return demand;
        }
    }

    /** Number of subscribers of {@code stream} now. */
    public int subscriberCount(String stream) {
        Subscriber[] subs = routes.get(stream);
        return subs == null ? 0 : subs.length;
    }

    /**
     * Starts delivering {@code stream}'s frames to {@code consumer} until the returned subscription is
     * closed. The same consumer may subscribe several times (it then gets each frame once per subscription).
     *
     * @throws IllegalArgumentException for a stream the source does not have (the message lists them)
     * @throws IllegalStateException    after {@link #close()}
     */
    public Subscription subscribe(String stream, FrameSink consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (!known.contains(stream)) {
            throw new IllegalArgumentException("sender " + senderName + " has no stream '" + stream
                    + "' (streams: " + String.join(", ", new TreeSet<>(known)) + ")");
        }
        Subscriber sub = new Subscriber(stream, consumer);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("frame hub of sender " + senderName + " is closed");
            }
            subscribers.computeIfAbsent(stream, s -> new ArrayList<>()).add(sub);
            changed();
        }
        return sub;
    }

    /** Called by the source (on its thread): hands the frame to the subscribers of its stream. */
    @Override
    public void accept(CameraFrame frame) {
        Subscriber[] subs = routes.getOrDefault(frame.stream(), NONE);
        for (Subscriber sub : subs) {
            sub.deliver(frame);
        }
    }

    /** Ends every subscription and sets the demand to nothing. Does not close the source. Idempotent. */
    @Override
    public void close() {
        List<Subscriber> all = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            subscribers.values().forEach(all::addAll);
        }
        all.forEach(Subscriber::close);
    }

    private void remove(Subscriber sub) {
        synchronized (lock) {
            List<Subscriber> list = subscribers.get(sub.stream);
            if (list != null && list.remove(sub)) {
                if (list.isEmpty()) {
                    subscribers.remove(sub.stream);
                }
                changed();
            }
        }
    }

    /** Rebuilds the delivery snapshot and tells the source when the demand changed. Holds {@link #lock}. */
    private void changed() {
        Map<String, Subscriber[]> next = new HashMap<>();
        subscribers.forEach((stream, list) -> next.put(stream, list.toArray(NONE)));
        routes = Map.copyOf(next);
        Set<String> wanted = Set.copyOf(next.keySet());
        if (!wanted.equals(demand)) {
            demand = wanted;
            LOG.info("sender {}: streams watched now: {}", senderName, new TreeSet<>(wanted));
            source.demand(wanted);
        }
    }

    /** One consumer's subscription to one stream. Closing it is idempotent. */
    public interface Subscription extends AutoCloseable {
        String stream();

        /** Stops delivery; when this returns the consumer is not running and is never called again. */
        @Override
        void close();
    }

    private final class Subscriber implements Subscription {
        private final String stream;
        private final FrameSink consumer;
        private final AtomicLong lastErrorNanos = new AtomicLong(Long.MIN_VALUE);
        private boolean closed; // guarded by this

        Subscriber(String stream, FrameSink consumer) {
            this.stream = stream;
            this.consumer = consumer;
        }

        @Override
        public String stream() {
            return stream;
        }

        synchronized void deliver(CameraFrame frame) {
            if (closed) {
                return;
            }
            try {
                consumer.accept(frame);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                long last = lastErrorNanos.get();
                if (last == Long.MIN_VALUE || now - last > 1_000_000_000L) {
                    lastErrorNanos.set(now);
                    LOG.warn("sender {}: subscriber of {} failed on frame {}: {}", senderName, stream,
                            frame.sequence(), e.toString());
                }
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            remove(this);
        }
    }
}
