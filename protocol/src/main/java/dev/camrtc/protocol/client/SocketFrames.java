package dev.camrtc.protocol.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK side of one {@link SignalingClient} connection: receives its WebSocket frames, notes that the server
 * is alive at every frame, joins text fragments into whole messages (longer ones than
 * {@link SignalingDefaults#MAX_MESSAGE_CHARS} are dropped with one line) and hands them, the open socket and
 * the end of the connection to the client.
 *
 * <p>Threads: the JDK calls this one callback at a time, on its own threads; each frame is asked for
 * ({@code request(1)}) only once the previous one was handled, so the client sees messages in order.
 */
final class SocketFrames implements WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SocketFrames.class);

    private final SignalingClient client;
    private final TextAssembler assembler = new TextAssembler(SignalingDefaults.MAX_MESSAGE_CHARS);

    SocketFrames(SignalingClient client) {
        this.client = client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (client.opened(webSocket)) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        client.frameArrived();
        String text = assembler.add(data, last);
        if (text == TextAssembler.TOO_LONG) {
            LOG.warn("{}: dropped a message from the server longer than {} characters", client.label(),
                    SignalingDefaults.MAX_MESSAGE_CHARS);
        } else if (text != null) {
            client.received(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        client.frameArrived(); // the JDK answers with a pong by itself
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        client.frameArrived();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        client.frameArrived();
        if (last) {
            LOG.warn("{}: ignoring a binary frame from the signaling server", client.label());
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        client.finish("server closed the connection (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        client.finish("connection lost (" + detail + ")");
    }
}
