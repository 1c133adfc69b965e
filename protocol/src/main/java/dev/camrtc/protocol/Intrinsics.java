package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Pinhole intrinsics of a stream (PROTOCOL.md 3.2), as librealsense reports them:
 * focal lengths and principal point in pixels, the distortion model name
 * (e.g. {@code "brown_conrady"}, {@code "inverse_brown_conrady"}, {@code "none"}) and its coefficients.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intrinsics(double fx, double fy, double ppx, double ppy, String model, List<Double> coeffs) {
    public Intrinsics {
        coeffs = coeffs == null ? null : List.copyOf(coeffs);
    }
}
