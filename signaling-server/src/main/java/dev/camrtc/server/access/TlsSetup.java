package dev.camrtc.server.access;

import dev.camrtc.program.tls.TlsFiles;
import dev.camrtc.program.tls.TlsListener;
import dev.camrtc.server.ServerConfig;
import io.javalin.config.JavalinConfig;
import java.util.Optional;

/** Listening socket setup: plain http/ws, or — with a PEM certificate and key — https/wss only ({@link TlsListener}). */
public final class TlsSetup {

    private TlsSetup() {
    }

    public static void apply(JavalinConfig javalin, ServerConfig config) {
        TlsListener.apply(javalin, config.host(), config.port(),
                config.tls() ? Optional.of(new TlsFiles(config.tlsCert(), config.tlsKey())) : Optional.empty());
    }
}
