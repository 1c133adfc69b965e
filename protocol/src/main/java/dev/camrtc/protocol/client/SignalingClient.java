package dev.camrtc.protocol.client;

import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.MessageCodec;
import dev.camrtc.protocol.Registered;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the signaling server (PROTOCOL.md 1), on the JDK's
 * {@link java.net.http.WebSocket}. {@link #connect} returns once the server's {@code registered} has
 * arrived. {@link #send} is thread-safe and keeps call order. The listener gets every later message, on
 * one thread, in order; an exception it throws is logged and the connection stays up. For a peer that must
 * stay connected, use {@link ReconnectingSignalingClient}. The frames arrive through {@link SocketFrames} (the
 * JDK's threads, one at a time); the listener runs on the {@code CallbackThread}.
 */
public final class SignalingClient implements AutoCloseable {

    /** Callbacks of one connection, all on one delivery thread, in order. */
    public interface Listener {
        /** The server's {@code registered}, before any other message of the connection. */
        default void onRegistered(Registered registered) {
        }

        /** Every message after {@code registered} ({@code error} included). */
        void onMessage(Message message);

        /** Once, when a registered connection ends, by either side. */
        default void onClosed(String reason) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SignalingClient.class);

    private final SignalingOptions options;
    private final Listener listener;
    private final HttpClient http;
    private final CallbackThread callbacks;
    private final boolean ownsCallbacks;
    private final CompletableFuture<Registered> registered = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long lastFrameNanos = System.nanoTime();
    private volatile WebSocket socket;
    private volatile SendQueue sends;
    private volatile String label;

    /** @param callbacks the thread for the listener, or null for one of its own, ended with the connection */
    SignalingClient(SignalingOptions options, Listener listener, HttpClient http, CallbackThread callbacks) {
        this.options = options;
        this.listener = listener;
        this.http = http;
        this.ownsCallbacks = callbacks == null;
        this.callbacks = callbacks == null ? new CallbackThread() : callbacks;
        this.label = roleName() + (options.name() == null ? "" : " '" + options.name() + "'");
    }

    /** Connects and waits for {@code registered} (at most the options' connect timeout). */
    public static SignalingClient connect(SignalingOptions options, Listener listener)
            throws SignalingException, InterruptedException {
        CompletableFuture<SignalingClient> connecting = connectAsync(options, listener);
        try {
            return connecting.get();
        } catch (ExecutionException e) {
            throw ConnectFailures.describe(e, options);
        } catch (InterruptedException e) {
            connecting.thenAccept(SignalingClient::close); // nobody will own it
            throw e;
        }
    }

    /** Connects; the future completes with the client once {@code registered} has arrived. */
    public static CompletableFuture<SignalingClient> connectAsync(SignalingOptions options, Listener listener) {
        return new SignalingClient(options, listener, HttpClients.forOptions(options), null).open();
    }

    /** Starts the connection; completes (exceptionally with a {@link SignalingException}) when registered. */
    CompletableFuture<SignalingClient> open() {
        registered.orTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        http.newWebSocketBuilder()
                .connectTimeout(options.connectTimeout())
                .buildAsync(options.endpoint(), new SocketFrames(this))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        registered.completeExceptionally(error);
                    }
                });
        return registered.handle((r, error) -> {
            if (error != null) {
                abort();
                finish("connect failed");
                throw new CompletionException(ConnectFailures.describe(error, options));
            }
            return this;
        });
    }

    /** Sends a message; the future completes when it is written. Fails when not connected. */
    public CompletableFuture<Void> send(Message message) {
        SendQueue queue = sends;
        if (queue == null || closing.get() || closed.isDone()) {
            return CompletableFuture.failedFuture(new IOException(label + ": not connected to the signaling server"));
        }
        return queue.text(MessageCodec.encode(message));
    }

    /** The server's {@code registered} for this connection (null until it arrived). */
    public Registered registered() {
        return registered.isCompletedExceptionally() ? null : registered.getNow(null);
    }

    /** This client's id ({@code sender_id} or {@code receiver_id}), null until registered. */
    public String id() {
        Registered r = registered();
        return r == null ? null : r.clientId();
    }

    /** True from {@code registered} until the connection ends or {@link #close()} is called. */
    public boolean isOpen() {
        return registered() != null && !closing.get() && !closed.isDone();
    }

    /** A future completed with the reason when the connection has ended. */
    public CompletableFuture<String> closedFuture() {
        return closed.copy();
    }

    public SignalingOptions options() {
        return options;
    }

    /** Sends a close frame, waits up to {@link SignalingDefaults#CLOSE_TIMEOUT} for the server's, then drops. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        SendQueue queue = sends;
        WebSocket ws = socket;
        if (queue != null && ws != null && !ws.isOutputClosed() && !closed.isDone()) {
            queue.close(WebSocket.NORMAL_CLOSURE, "");
            try {
                closed.get(SignalingDefaults.CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("{}: no close frame from the server in time", label);
            }
        }
        abort();
        finish("closed by client");
    }

    /** Milliseconds since the last frame (text, ping, pong, ...) from the server. */
    long silentMillis() {
        return (System.nanoTime() - lastFrameNanos) / 1_000_000;
    }

    /** Drops the connection at once (no close handshake); the listener gets {@code onClosed(reason)}. */
    void drop(String reason) {
        abort();
        finish(reason);
    }

    private void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** The connection ended ({@code reason}, or "closed by client"): once, whichever route came first. */
    void finish(String reason) {
        String finalReason = closing.get() ? "closed by client" : reason;
        if (!closed.complete(finalReason)) {
            return;
        }
        registered.completeExceptionally(new SignalingException("signaling server "
                + options.endpointWithoutToken() + " ended the connection before 'registered' (" + reason + ")",
                null));
        if (registered() != null) {
            LOG.debug("{}: signaling connection closed: {}", label, finalReason);
            deliver(() -> listener.onClosed(finalReason), "onClosed");
        }
        if (ownsCallbacks) {
            callbacks.shutdown(0);
        }
    }

    /** The socket is open (from {@link SocketFrames}); false when the client gave up meanwhile (then aborted). */
    boolean opened(WebSocket webSocket) {
        socket = webSocket;
        if (closed.isDone()) { // gave up (timeout, close()) while the upgrade was under way
            webSocket.abort();
            return false;
        }
        sends = new SendQueue(webSocket);
        return true;
    }

    /** A frame of any kind arrived: the server is alive. */
    void frameArrived() {
        lastFrameNanos = System.nanoTime();
    }

    String label() {
        return label;
    }

    /** One whole text message from the server (from {@link SocketFrames}, in order). */
    void received(String text) {
        MessageCodec.Decoded decoded = MessageCodec.decode(text);
        if (decoded instanceof MessageCodec.Decoded.Failure failure) {
            LOG.warn("{}: ignoring a bad message from the server: {} ({})", label, failure.message(),
                    failure.code().wireName());
            return;
        }
        Message message = ((MessageCodec.Decoded.Ok) decoded).message();
        if (!registered.isDone()) {
            if (message instanceof Registered r && r.clientId() != null) {
                label = roleName() + " " + r.clientId();
                // complete first: onRegistered runs on the callback thread and may ask isOpen()
                registered.complete(r);
                deliver(() -> listener.onRegistered(r), "onRegistered");
            } else {
                registered.completeExceptionally(new SignalingException("signaling server "
                        + options.endpointWithoutToken() + " sent '" + message.type()
                        + "' before 'registered': not a camrtc protocol 1 server?", null));
            }
            return;
        }
        if (closing.get() || closed.isDone()) {
            return;
        }
        if (message instanceof ErrorMessage error) {
            LOG.warn("{}: signaling server reports {}: {} (about '{}')", label, error.code().wireName(),
                    error.message(), error.ref());
        }
        deliver(() -> listener.onMessage(message), message.type());
    }

    private void deliver(Runnable callback, String what) {
        callbacks.submit(label, what, callback);
    }

    private String roleName() {
        return options.role().name().toLowerCase(Locale.ROOT);
    }
}
