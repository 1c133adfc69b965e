package dev.camrtc.server;

import dev.camrtc.program.tls.TlsFiles;
import dev.camrtc.program.tls.TlsListener;
import io.javalin.config.JavalinConfig;
import java.util.Optional;

/** Listening socket setup: plain http/ws, or — with a PEM certificate and key — https/wss only ({@link TlsListener}). */
final class TlsSetup {

    private TlsSetup() {
    }

    static void apply(JavalinConfig javalin, ServerConfig config) {
        TlsListener.apply(javalin, config.host(), config.port(),
                config.tls() ? Optional.of(new TlsFiles(config.tlsCert(), config.tlsKey())) : Optional.empty());
    }
}
