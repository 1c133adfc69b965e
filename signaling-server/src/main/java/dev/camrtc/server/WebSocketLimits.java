package dev.camrtc.server;

import io.javalin.config.JavalinConfig;

/**
 * Jetty's WebSocket settings for PROTOCOL.md 1: messages up to {@link ServerConfig#MAX_MESSAGE_BYTES}
 * (larger ones close with 1009), no compression extension, and Jetty's own idle timeout kept as a
 * backstop behind the server's ping/idle rule.
 */
final class WebSocketLimits {

    private WebSocketLimits() {
    }

    static void apply(JavalinConfig javalin, ServerConfig config) {
        javalin.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(ServerConfig.MAX_MESSAGE_BYTES);
            factory.setMaxBinaryMessageSize(ServerConfig.MAX_MESSAGE_BYTES);
            factory.setMaxFrameSize(ServerConfig.MAX_MESSAGE_BYTES);
            factory.setIdleTimeout(config.idleTimeout().plus(config.pingInterval()).multipliedBy(2));
            // "The server does not negotiate compression": the registry's name set is live.
            factory.getAvailableExtensionNames().removeIf(name -> name.contains("deflate"));
        });
    }
}
