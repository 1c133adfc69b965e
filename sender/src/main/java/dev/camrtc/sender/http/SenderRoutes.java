package dev.camrtc.sender.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;

/** Endpoints of another feature (WHEP) served on the sender's HTTP port, behind its token and CORS. */
@FunctionalInterface
public interface SenderRoutes {

    /**
     * @param browserGuard the origin check of {@code /set} ({@code --allowed-origin}: 403 for a page of a foreign
     *                     origin); put it before every endpoint that acts
     */
    void addTo(Javalin app, Handler browserGuard);
}
