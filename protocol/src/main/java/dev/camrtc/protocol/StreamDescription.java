package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stream a sender offers (PROTOCOL.md 3.2): {@code {"name":"color","width":640,"height":480,
 * "fps":30,"encoding":"bgr8"}}, with {@code intrinsics} when the camera knows them.
 * Only {@code name} is required on the wire; the others are null when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamDescription(
        String name, Integer width, Integer height, Integer fps, String encoding, Intrinsics intrinsics) {

    public StreamDescription(String name, int width, int height, int fps, String encoding) {
        this(name, width, height, fps, encoding, null);
    }

    public StreamDescription withIntrinsics(Intrinsics intrinsics) {
        return new StreamDescription(name, width, height, fps, encoding, intrinsics);
    }
}
