package dev.camrtc.server.connection;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.internal.WebSocketConnection;
import org.eclipse.jetty.websocket.core.internal.WebSocketCoreSession;

/**
 * How many frames Jetty has read from a peer, of any kind — pongs included. Javalin hands the server
 * text and binary messages only, but PROTOCOL.md 1 counts every frame as activity; Jetty's connection
 * keeps this count. Returns -1 when the session is not a Jetty 11 one (then only messages count).
 */
final class FrameActivity {

    private FrameActivity() {
    }

    static long framesIn(Session session) {
        if (session instanceof WebSocketSession ws && ws.getCoreSession() instanceof WebSocketCoreSession core) {
            WebSocketConnection connection = core.getConnection();
            if (connection != null) {
                return connection.getMessagesIn();
            }
        }
        return -1;
    }
}
