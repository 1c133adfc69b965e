package dev.camrtc.program.tls;

import io.javalin.community.ssl.SslPlugin;
import io.javalin.config.JavalinConfig;
import java.util.Optional;

/**
 * The listening socket of a camrtc Javalin server: plain http on {@code host:port}, or — with {@link TlsFiles} —
 * https only, through Javalin's ssl-plugin (HTTP/2 off; SNI host check off so that clients may connect by IP
 * address). The PEM files are read while Javalin is configured, so a bad file fails {@code Javalin.create}.
 * Start the app with {@code app.start()} (no host or port) afterwards.
 *
 * <p>Javalin and its ssl-plugin are optional dependencies of this module: a program that uses this class
 * declares them itself.
 */
public final class TlsListener {

    private TlsListener() {
    }

    public static void apply(JavalinConfig javalin, String host, int port, Optional<TlsFiles> tls) {
        if (tls.isEmpty()) {
            javalin.jetty.defaultHost = host;
            javalin.jetty.defaultPort = port;
            return;
        }
        TlsFiles files = tls.get();
        javalin.registerPlugin(new SslPlugin(ssl -> {
            ssl.pemFromPath(files.cert().toString(), files.key().toString());
            ssl.insecure = false;
            ssl.secure = true;
            ssl.host = host;
            ssl.securePort = port;
            ssl.http2 = false;
            ssl.sniHostCheck = false;
        }));
    }
}
