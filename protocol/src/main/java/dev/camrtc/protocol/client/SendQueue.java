package dev.camrtc.protocol.client;

import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes to a JDK {@link WebSocket} one frame at a time, in call order: the JDK allows only one
 * outstanding send, so each waits for the one before it. At most {@link SignalingDefaults#MAX_PENDING_SENDS}
 * wait; beyond that a send fails at once (the connection is stalled).
 */
final class SendQueue {

    private final WebSocket socket;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int pending;

    SendQueue(WebSocket socket) {
        this.socket = socket;
    }

    CompletableFuture<Void> text(String text) {
        return enqueue(() -> socket.sendText(text, true));
    }

    CompletableFuture<Void> close(int statusCode, String reason) {
        return enqueue(() -> socket.sendClose(statusCode, reason));
    }

    private synchronized CompletableFuture<Void> enqueue(Supplier<CompletableFuture<WebSocket>> write) {
        if (pending >= SignalingDefaults.MAX_PENDING_SENDS) {
            return CompletableFuture.failedFuture(new IOException(
                    "signaling send queue full (" + pending + " messages): the connection is stalled"));
        }
        pending++;
        CompletableFuture<Void> result = tail.handle((ignored, error) -> null)
                .thenCompose(ignored -> start(write))
                .thenApply(ignored -> (Void) null);
        result.whenComplete((ignored, error) -> done());
        tail = result;
        return result;
    }

    private static CompletableFuture<WebSocket> start(Supplier<CompletableFuture<WebSocket>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized void done() {
        pending--;
    }
}
