package dev.camrtc.sender.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session with Janus over its plain HTTP API: {@code create}, a long-poll thread that reads the session's
 * events ({@code GET <base>/<session>?maxev=N}), a {@code keepalive} every {@link JanusLimits#keepalive()},
 * plugin handles ({@link #attach}) and {@code destroy} at {@link #close()}. Every request, wait and body is
 * bounded by {@link JanusLimits}. When Janus stops answering the polls, or says the session no longer exists,
 * the session is <em>lost</em>: {@code onLost} runs once, pending requests fail, and the session is unusable.
 */
public final class JanusSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JanusSession.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int NO_SUCH_SESSION = 458;

    private final URI base;
    private final long id;
    private final JanusLimits limits;
    private final HttpClient http;
    private final String label;
    private final Map<String, CompletableFuture<JanusEvent>> pending = new ConcurrentHashMap<>();
    private final Map<Long, JanusHandle> handles = new ConcurrentHashMap<>();
    private final AtomicLong transactions = new AtomicLong();
    private final ScheduledExecutorService keepalive;
    private final Thread poller;
    private volatile Consumer<String> onLost = why -> { };
    private volatile boolean closed;
    private volatile boolean lost;

    private JanusSession(URI base, long id, JanusLimits limits, HttpClient http, String label) {
        this.base = base;
        this.id = id;
        this.limits = limits;
        this.http = http;
        this.label = label;
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "janus-keepalive-" + label));
        this.poller = daemon(this::pollLoop, "janus-events-" + label);
    }

    /**
     * Creates a session on the Janus at {@code base} (e.g. {@code http://127.0.0.1:8088/janus}) and starts reading
     * its events.
     *
     * @throws JanusException when Janus cannot be reached or refuses (one line, no stack trace needed)
     */
    public static JanusSession create(URI base, JanusLimits limits, String label) {
        return create(httpClient(limits), base, limits, label);
    }

    /** An HTTP client for {@link #create(HttpClient, URI, JanusLimits, String)}: reuse one for every session. */
    public static HttpClient httpClient(JanusLimits limits) {
        return JanusHttp.client(limits);
    }

    /** As {@link #create(URI, JanusLimits, String)}, over {@code http} (one client for all of a sender's sessions). */
    public static JanusSession create(HttpClient http, URI base, JanusLimits limits, String label) {
        ObjectNode body = JSON.createObjectNode().put("janus", "create").put("transaction", "create");
        JanusEvent answer = JanusHttp.post(http, base, body, limits);
        if (!"success".equals(answer.janus())) {
            throw new JanusException("Janus at " + base + " refused to create a session: " + answer.raw());
        }
        JanusSession s = new JanusSession(base, answer.raw().path("data").path("id").asLong(), limits, http, label);
        s.poller.start();
        long every = limits.keepalive().toMillis();
        s.keepalive.scheduleWithFixedDelay(s::sendKeepalive, every, every, TimeUnit.MILLISECONDS);
        LOG.debug("{}: Janus session {} created at {}", label, s.id, base);
        return s;
    }

    public long id() {
        return id;
    }

    /** Runs once when the session is lost (not at {@link #close()}), on the poll or keepalive thread. */
    public void onLost(Consumer<String> handler) {
        onLost = handler;
    }

    public boolean isLost() {
        return lost;
    }

    /** Attaches a handle to {@code plugin} (e.g. {@code janus.plugin.videoroom}). */
    public JanusHandle attach(String plugin, Consumer<JanusEvent> events) {
        ObjectNode body = JSON.createObjectNode().put("janus", "attach").put("plugin", plugin);
        JanusEvent answer = postChecked(sessionUri(), body);
        long handleId = answer.raw().path("data").path("id").asLong();
        JanusHandle h = new JanusHandle(this, handleId, events);
        handles.put(handleId, h);
        return h;
    }

    void forget(long handleId) {
        handles.remove(handleId);
    }

    URI sessionUri() {
        return URI.create(base + "/" + id);
    }

    /** POSTs {@code body} (a transaction is added) and returns Janus's direct answer; errors throw. */
    JanusEvent postChecked(URI uri, ObjectNode body) {
        checkUsable();
        body.put("transaction", "t" + transactions.incrementAndGet());
        JanusEvent answer = JanusHttp.post(http, uri, body, limits);
        JanusException error = answer.error();
        if (error != null) {
            if (error.code() == NO_SUCH_SESSION) {
                lose("Janus no longer knows session " + id);
            }
            throw error;
        }
        return answer;
    }

    /**
     * POSTs an asynchronous request: Janus acks it, and the event carrying the same transaction completes the
     * returned future (failed by a plugin error, after {@link JanusLimits#requestTimeout()}, or when the session is lost).
     */
    CompletableFuture<JanusEvent> postAsync(URI uri, ObjectNode body) {
        checkUsable();
        if (pending.size() >= limits.maxPending()) {
            return CompletableFuture.failedFuture(new JanusException("more than " + limits.maxPending()
                    + " Janus requests waiting for their event"));
        }
        String tx = "t" + transactions.incrementAndGet();
        body.put("transaction", tx);
        CompletableFuture<JanusEvent> f = new CompletableFuture<>();
        pending.put(tx, f);
        f.whenComplete((e, t) -> pending.remove(tx));
        try {
            JanusEvent answer = JanusHttp.post(http, uri, body, limits);
            JanusException error = answer.error();
            if (error != null) {
                f.completeExceptionally(error);
            } else if ("success".equals(answer.janus())) {
                f.complete(answer); // answered at once (synchronous plugin request)
            }
        } catch (JanusException e) {
            f.completeExceptionally(e);
        }
        return f.orTimeout(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkUsable() {
        if (closed || lost) {
            throw new JanusException("the Janus session " + id + " is " + (closed ? "closed" : "lost"));
        }
    }

    private void pollLoop() {
        int failures = 0;
        while (!closed && !lost) {
            try {
                HttpRequest get = HttpRequest.newBuilder(URI.create(sessionUri() + "?maxev=" + limits.eventsPerPoll()))
                        .timeout(limits.pollTimeout()).GET().build();
                JsonNode body = JanusHttp.send(http, get, limits);
                failures = 0;
                if (body.isArray()) {
                    body.forEach(m -> dispatch(JanusEvent.of(m)));
                } else {
                    dispatch(JanusEvent.of(body));
                }
            } catch (JanusException e) {
                if (closed) {
                    return;
                }
                if (++failures >= limits.maxPollFailures()) {
                    lose(e.getMessage());
                    return;
                }
                sleep(500);
            }
        }
    }

    private void dispatch(JanusEvent e) {
        if ("error".equals(e.janus()) && e.error() != null && e.error().code() == NO_SUCH_SESSION) {
            lose("Janus no longer knows session " + id);
            return;
        }
        if (e.transaction() != null) {
            CompletableFuture<JanusEvent> f = pending.get(e.transaction());
            if (f != null && ("event".equals(e.janus()) || "error".equals(e.janus()))) {
                JanusException error = e.error();
                if (error != null) {
                    f.completeExceptionally(error);
                } else {
                    f.complete(e);
                }
                return;
            }
        }
        JanusHandle h = handles.get(e.sender());
        if (h != null) {
            h.deliver(e);
        } else if (!"keepalive".equals(e.janus())) {
            LOG.debug("{}: Janus event {} for no known handle", label, e.janus());
        }
    }

    private void sendKeepalive() {
        try {
            postChecked(sessionUri(), JSON.createObjectNode().put("janus", "keepalive"));
        } catch (JanusException e) {
            LOG.debug("{}: Janus keepalive failed: {}", label, e.getMessage());
        }
    }

    private void lose(String why) {
        synchronized (this) {
            if (lost || closed) {
                return;
            }
            lost = true;
        }
        keepalive.shutdown();
        JanusException cause = new JanusException("Janus session lost: " + why);
        pending.values().forEach(f -> f.completeExceptionally(cause));
        onLost.accept(why);
    }

    /** Destroys the session on Janus (best effort) and stops its threads. Idempotent. */
    @Override
    public void close() {
        boolean wasUsable;
        synchronized (this) {
            if (closed) {
                return;
            }
            wasUsable = !lost;
            closed = true;
        }
        keepalive.shutdownNow();
        if (wasUsable) {
            try {
                ObjectNode body = JSON.createObjectNode().put("janus", "destroy").put("transaction", "destroy");
                JanusHttp.post(http, sessionUri(), body, limits);
            } catch (JanusException e) {
                LOG.debug("{}: destroying Janus session {}: {}", label, id, e.getMessage());
            }
        }
        poller.interrupt();
        JanusException cause = new JanusException("Janus session closed");
        pending.values().forEach(f -> f.completeExceptionally(cause));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
