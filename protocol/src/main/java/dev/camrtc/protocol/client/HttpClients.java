package dev.camrtc.protocol.client;

import java.net.http.HttpClient;

/** The JDK HTTP clients the signaling clients open WebSockets with: one shared, unless TLS trust is custom. */
final class HttpClients {

    private static final class Shared {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .executor(java.util.concurrent.Executors.newCachedThreadPool(DaemonThreads.named("signaling-http")))
                .build();
    }

    private HttpClients() {
    }

    static HttpClient forOptions(SignalingOptions options) {
        if (options.sslContext() == null) {
            return Shared.INSTANCE;
        }
        return HttpClient.newBuilder()
                .sslContext(options.sslContext())
                .executor(java.util.concurrent.Executors.newCachedThreadPool(DaemonThreads.named("signaling-http")))
                .build();
    }
}
