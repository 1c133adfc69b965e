package dev.camrtc.protocol.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns what the JDK throws while connecting into a {@link SignalingException} that says what to do. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static SignalingException describe(Throwable error, SignalingOptions options) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SignalingException signaling) {
            return signaling;
        }
        String where = "signaling server " + options.endpointWithoutToken();
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse() == null ? 0 : handshake.getResponse().statusCode();
            return new SignalingException(refusal(where, status, options), status, null);
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof TimeoutException) {
            return new SignalingException(where + " did not answer within "
                    + options.connectTimeout().toMillis() + " ms", null);
        }
        if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException) {
            String detail = cause.getMessage() == null ? "connection refused" : cause.getMessage();
            return new SignalingException(where + " is unreachable (" + detail + ")", null);
        }
        if (cause instanceof SSLException) {
            return new SignalingException("TLS handshake with " + where + " failed (" + cause.getMessage()
                    + "); check the server certificate and the trust store", cause);
        }
        return new SignalingException(where + ": connection failed (" + cause + ")", cause);
    }

    private static String refusal(String where, int status, SignalingOptions options) {
        return switch (status) {
            case 401, 403 -> where + " refused the connection (HTTP " + status + "): "
                    + (options.token() == null ? "it needs an access token; pass the server's token"
                            : "the access token is wrong; pass the token the server was started with");
            case 400 -> where + " refused the connection (HTTP 400)"
                    + (options.name() == null ? "" : ": check the sender name '" + options.name() + "'");
            case 404 -> where + " refused the connection (HTTP 404): this is not a camrtc signaling server"
                    + " (no " + options.role().path() + " endpoint)";
            default -> where + " refused the WebSocket upgrade (HTTP " + status + ")";
        };
    }
}
