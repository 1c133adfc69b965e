package dev.camrtc.server.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * {@code GET /}: the web viewer's static files, which the web-viewer module puts on the classpath under
 * {@code /camrtc-viewer/}; when they are absent, a plain page saying the viewer is not built.
 * Always open, even with an access token (the viewer reads {@code ?token=} itself).
 */
public final class ViewerRoute {

    /** Classpath directory of the viewer's files. */
    public static final String VIEWER_DIRECTORY = "/camrtc-viewer";

    static final String NOT_BUILT_PAGE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>camrtc signaling server</title></head>
            <body><h1>camrtc signaling server</h1>
            <p>The web viewer is not built into this server (no camrtc-viewer/index.html on the classpath).
            Build the web-viewer module and this server again to get it here.</p>
            <p>Signaling endpoints: <code>/ws/sender</code>, <code>/ws/receiver</code>;
            directory: <code>/api/senders</code>; health: <code>/healthz</code>.</p>
            </body></html>
            """;

    private ViewerRoute() {
    }

    public static boolean viewerPresent() {
        return ViewerRoute.class.getResource(VIEWER_DIRECTORY + "/index.html") != null;
    }

    /** Call while configuring Javalin: serves the viewer's files when present. */
    public static void configure(JavalinConfig config) {
        if (viewerPresent()) {
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = VIEWER_DIRECTORY;
                files.location = Location.CLASSPATH;
            });
        }
    }

    /** Call after creating Javalin: the fallback page when the viewer is absent. */
    public static void register(Javalin app) {
        if (!viewerPresent()) {
            app.get("/", ctx -> ctx.html(NOT_BUILT_PAGE));
        }
    }
}
