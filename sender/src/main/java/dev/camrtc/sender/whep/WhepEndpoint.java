package dev.camrtc.sender.whep;

import dev.camrtc.sender.http.SenderRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WHEP on the sender's HTTP port (PROTOCOL.md 5; the IETF WebRTC-HTTP egress protocol, with the resource
 * rules of RFC 9725): {@code POST /whep} with an {@code application/sdp} recvonly offer -> 201 with the answer,
 * {@code Location: /whep/<id>}, {@code ETag}; {@code PATCH /whep/<id>} with {@code application/trickle-ice-sdpfrag}
 * -> 204; {@code DELETE /whep/<id>} -> 200. {@code ?streams=color,infrared} picks the streams (default: every
 * video stream, announced order), one per video m-line of the offer in order; an offer with fewer video
 * m-lines gets the first ones. The token and CORS are the HTTP server's; the origin check of {@code /set}
 * guards POST, PATCH and DELETE.
 */
public final class WhepEndpoint implements SenderRoutes {

    /** Largest offer accepted (a browser's offer with audio and video is 4-8 KiB). */
    static final int MAX_OFFER_BYTES = 64 * 1024;
    /** Largest trickle PATCH body accepted. */
    static final int MAX_PATCH_BYTES = 16 * 1024;
    static final String SDP = "application/sdp";
    static final String SDPFRAG = "application/trickle-ice-sdpfrag";

    private final WhepSessions sessions;

    public WhepEndpoint(WhepSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addTo(Javalin app, Handler browserGuard) {
        app.before("/whep", browserGuard);
        app.before("/whep/{id}", browserGuard);
        app.post("/whep", ctx -> handle(ctx, this::post));
        app.patch("/whep/{id}", ctx -> handle(ctx, this::patch));
        app.delete("/whep/{id}", ctx -> handle(ctx, this::delete));
    }

    private interface Step {
        void run(Context ctx);
    }

    private static void handle(Context ctx, Step step) {
        try {
            step.run(ctx);
        } catch (WhepException e) {
            if (e.status == 503) {
                ctx.header("Retry-After", "5");
            }
            ctx.status(e.status).json(Map.of("error", e.getMessage()));
        }
    }

    private void post(Context ctx) {
        requireType(ctx, SDP);
        String offer = body(ctx, MAX_OFFER_BYTES);
        SdpFacts facts = SdpFacts.offer(offer);
        List<String> wanted = wanted(ctx.queryParam("streams"));
        WhepSessions.Created created = sessions.create(offer, facts, wanted);
        ctx.status(201);
        ctx.header("Location", "/whep/" + created.session().id());
        ctx.header("ETag", WhepSessions.quoted(created.session().etag()));
        ctx.header("Accept-Patch", SDPFRAG);
        ctx.contentType(SDP);
        ctx.result(created.answerSdp());
    }

    private void patch(Context ctx) {
        String id = ctx.pathParam("id");
        sessions.find(id); // 404 before anything else
        requireType(ctx, SDPFRAG);
        sessions.trickle(id, ctx.header("If-Match"), SdpFacts.fragment(body(ctx, MAX_PATCH_BYTES)));
        ctx.status(204);
    }

    private void delete(Context ctx) {
        sessions.delete(ctx.pathParam("id"));
        ctx.status(200);
    }

    /** The {@code ?streams=} list (400 for one that is not sent over WebRTC), or every video stream. */
    private List<String> wanted(String param) {
        List<String> sendable = sessions.sendable();
        if (param == null || param.isBlank()) {
            return sendable;
        }
        List<String> out = new ArrayList<>();
        for (String name : Arrays.stream(param.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()) {
            if (!sendable.contains(name)) {
                throw new WhepException(400, "unknown stream '" + name + "' (video streams: " + String.join(", ", sendable) + ")");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        if (out.isEmpty()) {
            throw new WhepException(400, "?streams= names no stream (video streams: " + String.join(", ", sendable) + ")");
        }
        return out;
    }

    private static void requireType(Context ctx, String type) {
        String given = ctx.header("Content-Type");
        String bare = given == null ? "" : given.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!bare.equals(type)) {
            throw new WhepException(415, "Content-Type must be " + type + (given == null ? "" : ", not " + given));
        }
    }

    private static String body(Context ctx, int max) {
        long length = ctx.req().getContentLengthLong();
        if (length > max) {
            throw new WhepException(413, "body larger than " + max + " bytes");
        }
        try (var in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new WhepException(413, "body larger than " + max + " bytes");
            }
            return new String(b, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new WhepException(400, "cannot read the body: " + e.getMessage());
        }
    }
}
