package dev.camrtc.server.access;

import dev.camrtc.server.ServerConfig;
import io.javalin.community.ssl.SslPlugin;
import io.javalin.config.JavalinConfig;

/**
 * Listening socket setup: plain http/ws, or — with a PEM certificate and key — https/wss only, through
 * Javalin's ssl-plugin (HTTP/2 off; SNI host check off so that clients may connect by IP address).
 */
public final class TlsSetup {

    private TlsSetup() {
    }

    public static void apply(JavalinConfig javalin, ServerConfig config) {
        if (!config.tls()) {
            javalin.jetty.defaultHost = config.host();
            javalin.jetty.defaultPort = config.port();
            return;
        }
        javalin.registerPlugin(new SslPlugin(ssl -> {
            ssl.pemFromPath(config.tlsCert().toString(), config.tlsKey().toString());
            ssl.insecure = false;
            ssl.secure = true;
            ssl.host = config.host();
            ssl.securePort = config.port();
            ssl.http2 = false;
            ssl.sniHostCheck = false;
        }));
    }
}
