package dev.camrtc.protocol.client;

import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Registered;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signaling connection for long-running peers: connects in the background and reconnects until
 * {@link #close()}d. After a lost connection or a failed attempt it retries after
 * {@link SignalingDefaults#FIRST_RETRY}, doubling up to {@link SignalingDefaults#MAX_RETRY} (with jitter).
 * A server that refuses the upgrade with a 4xx status (401 wrong token, 400 bad name) is reported
 * once at ERROR and retried only every {@link SignalingDefaults#REFUSED_RETRY}: a fast retry cannot help.
 * Each connection gets a new id: {@link Listener#onConnected} is the place to announce again.
 * A connection on which the server sent nothing, not even a ping, for
 * {@link SignalingDefaults#SERVER_SILENCE_TIMEOUT} is dropped and replaced.
 * State changes are logged once each (unreachable, refused, connected, lost), never once per retry.
 */
public final class ReconnectingSignalingClient implements AutoCloseable {

    /** Callbacks, all on one thread, in order. */
    public interface Listener {
        /** A connection is up with a new id; announce (again) here. */
        void onConnected(Registered registered);

        /** Every message after {@code registered}. */
        void onMessage(Message message);

        /** The connection that was up has ended; sessions of the old id are gone. */
        default void onDisconnected(String reason) {
        }

        /** Connecting fails for a new reason (called once per reason, not once per retry). */
        default void onConnectFailed(SignalingException cause) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingSignalingClient.class);

    private final SignalingOptions options;
    private final Listener listener;
    private final HttpClient http;
    private final CallbackThread callbacks = new CallbackThread();
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Duration silenceTimeout;
    private final String role;
    private volatile String label;
    private final Object lock = new Object();
    private SignalingClient current;
    private boolean closed;
    private boolean everConnected;
    private String failureKind;
    private long outageStartNanos;

    private ReconnectingSignalingClient(SignalingOptions options, Listener listener, Duration silenceTimeout) {
        this.options = options;
        this.silenceTimeout = silenceTimeout;
        this.listener = listener;
        this.http = HttpClients.forOptions(options);
        this.role = options.role().name().toLowerCase(Locale.ROOT);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("signaling-reconnect"));
        this.backoff = new Backoff(SignalingDefaults.FIRST_RETRY, SignalingDefaults.MAX_RETRY,
                SignalingDefaults.RETRY_JITTER, new Random());
        this.label = role + (options.name() == null ? "" : " '" + options.name() + "'");
    }

    /** Starts connecting in the background and returns at once. */
    public static ReconnectingSignalingClient start(SignalingOptions options, Listener listener) {
        return start(options, listener, SignalingDefaults.SERVER_SILENCE_TIMEOUT);
    }

    /** As {@link #start(SignalingOptions, Listener)}, with another server silence timeout (tests). */
    static ReconnectingSignalingClient start(SignalingOptions options, Listener listener, Duration silenceTimeout) {
        ReconnectingSignalingClient client = new ReconnectingSignalingClient(options, listener, silenceTimeout);
        client.scheduler.execute(client::attempt);
        long period = Math.max(50, silenceTimeout.toMillis() / 5);
        client.scheduler.scheduleWithFixedDelay(client::checkSilence, period, period, TimeUnit.MILLISECONDS);
        return client;
    }

    private void checkSilence() {
        SignalingClient connection;
        synchronized (lock) {
            connection = current;
        }
        if (connection != null && connection.silentMillis() > silenceTimeout.toMillis()) {
            connection.drop("nothing from the server for " + connection.silentMillis() + " ms");
        }
    }

    /** Sends over the current connection; fails at once while disconnected (nothing is queued). */
    public CompletableFuture<Void> send(Message message) {
        SignalingClient connection;
        synchronized (lock) {
            connection = current;
        }
        if (connection == null) {
            return CompletableFuture.failedFuture(new IOException(label + ": not connected to the signaling server"));
        }
        return connection.send(message);
    }

    /** True while a registered connection is up. */
    public boolean isConnected() {
        synchronized (lock) {
            return current != null && current.isOpen();
        }
    }

    /** The current connection's {@code registered}, or null while disconnected. */
    public Registered registered() {
        synchronized (lock) {
            return current == null ? null : current.registered();
        }
    }

    /** Closes the connection and stops reconnecting; no callback follows. */
    @Override
    public void close() {
        SignalingClient connection;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            connection = current;
            current = null;
        }
        scheduler.shutdownNow();
        if (connection != null) {
            connection.close();
        }
        callbacks.shutdown(SignalingDefaults.CLOSE_TIMEOUT.toMillis());
        LOG.info("{}: signaling client closed", label);
    }

    private void attempt() {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        Connection connection = new Connection();
        SignalingClient client = new SignalingClient(options, connection, http, callbacks);
        connection.client = client;
        client.open().whenComplete((ok, error) -> {
            if (error != null) {
                failed(ConnectFailures.describe(error, options));
                return;
            }
            synchronized (lock) {
                if (!closed) {
                    return;
                }
            }
            ok.close(); // connected while close() ran: the delivery thread may already be gone
        });
    }

    private void failed(SignalingException cause) {
        String kind = cause.isRefused() ? "refused " + cause.httpStatus() : "unreachable";
        Duration delay;
        boolean report;
        synchronized (lock) {
            if (closed) {
                return;
            }
            report = !kind.equals(failureKind);
            failureKind = kind;
            delay = cause.isRefused() ? SignalingDefaults.REFUSED_RETRY : backoff.next();
        }
        if (report) {
            if (cause.isRefused()) {
                LOG.error("{}: {}; retrying every {} s", label, cause.getMessage(),
                        SignalingDefaults.REFUSED_RETRY.toSeconds());
            } else {
                LOG.warn("{}: {}; retrying from every {} ms up to every {} s", label, cause.getMessage(),
                        SignalingDefaults.FIRST_RETRY.toMillis(), SignalingDefaults.MAX_RETRY.toSeconds());
            }
            callbacks.submit(label, "onConnectFailed", () -> listener.onConnectFailed(cause));
        }
        schedule(delay);
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: not reconnecting, closed", label);
        }
    }

    /** The callbacks of one connection; its methods run on the delivery thread. */
    private final class Connection implements SignalingClient.Listener {
        private volatile SignalingClient client;

        @Override
        public void onRegistered(Registered registered) {
            boolean reconnect;
            long outageMillis;
            synchronized (lock) {
                if (closed) {
                    client.close();
                    return;
                }
                current = client;
                reconnect = everConnected;
                everConnected = true;
                failureKind = null;
                backoff.reset();
                outageMillis = (System.nanoTime() - outageStartNanos) / 1_000_000;
            }
            String before = label;
            label = role + " " + registered.clientId();
            if (reconnect) {
                LOG.info("{}: reconnected to signaling server {} as {} after {} ms", before,
                        options.endpointWithoutToken(), registered.clientId(), outageMillis);
            } else {
                LOG.info("{}: connected to signaling server {} as {}", before, options.endpointWithoutToken(),
                        registered.clientId());
            }
            listener.onConnected(registered);
        }

        @Override
        public void onMessage(Message message) {
            listener.onMessage(message);
        }

        @Override
        public void onClosed(String reason) {
            Duration delay;
            synchronized (lock) {
                if (current == client) {
                    current = null;
                }
                if (closed) {
                    return;
                }
                outageStartNanos = System.nanoTime();
                delay = backoff.next();
            }
            LOG.warn("{}: signaling connection lost: {}; reconnecting", label, reason);
            try {
                listener.onDisconnected(reason);
            } finally {
                schedule(delay);
            }
        }
    }
}
