package dev.camrtc.dds;

import dev.camrtc.protocol.Intrinsics;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The content of a {@code sensor_msgs/msg/CameraInfo} (binning 0, empty ROI, as realsense-ros sends).
 *
 * @param d row of distortion coefficients; {@code k} 3x3, {@code r} 3x3, {@code p} 3x4, row-major
 */
public record CameraInfo(int width, int height, String distortionModel, double[] d, double[] k, double[] r, double[] p) {
    /** ROS's name of the Brown-Conrady model with coefficients k1, k2, t1, t2, k3. */
    public static final String PLUMB_BOB = "plumb_bob";
    /** ROS's name of the Kannala-Brandt fisheye model with coefficients k1..k4. */
    public static final String EQUIDISTANT = "equidistant";

    public CameraInfo {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("camera info size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(distortionModel, "distortionModel");
        d = d.clone();
        k = fixed(k, 9, "K");
        r = fixed(r, 9, "R");
        p = fixed(p, 12, "P");
    }

    /**
     * Maps librealsense intrinsics (PROTOCOL.md 3.2): K from fx, fy, ppx, ppy; R identity; P = [K | 0].
     * {@code brown_conrady} and {@code inverse_brown_conrady} become {@code plumb_bob} with the five
     * coefficients in librealsense's order (k1, k2, p1, p2, k3 = ROS's order); {@code none} (or no model)
     * becomes {@code plumb_bob} with five zeros; {@code kannala_brandt4} becomes {@code equidistant}
     * with four coefficients. Other models are refused.
     */
    public static CameraInfo from(Intrinsics in, int width, int height) {
        Objects.requireNonNull(in, "intrinsics");
        String model = in.model() == null ? "none" : in.model().toLowerCase(Locale.ROOT);
        double[] d = switch (model) {
            case "none" -> new double[5];
            case "brown_conrady", "inverse_brown_conrady" -> coefficients(in.coeffs(), 5, model);
            case "kannala_brandt4" -> coefficients(in.coeffs(), 4, model);
            default -> throw new IllegalArgumentException("distortion model '" + in.model()
                    + "' has no ROS CameraInfo equivalent (known: brown_conrady, inverse_brown_conrady, "
                    + "kannala_brandt4, none)");
        };
        String rosModel = model.equals("kannala_brandt4") ? EQUIDISTANT : PLUMB_BOB;
        double[] k = {in.fx(), 0, in.ppx(), 0, in.fy(), in.ppy(), 0, 0, 1};
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] p = {in.fx(), 0, in.ppx(), 0, 0, in.fy(), in.ppy(), 0, 0, 0, 1, 0};
        return new CameraInfo(width, height, rosModel, d, k, r, p);
    }

    /**
     * The inverse of {@link #from}, for streams whose camera model comes from a ROS driver: fx, fy, ppx, ppy
     * from K; {@code plumb_bob} becomes {@code brown_conrady} (k1, k2, p1, p2, k3; missing ones 0),
     * {@code equidistant} becomes {@code kannala_brandt4}, any other model keeps its ROS name and coefficients.
     * Null for an uncalibrated camera (K all zero, as ROS drivers send before calibration).
     */
    public Intrinsics toIntrinsics() {
        if (k[0] == 0 && k[4] == 0) {
            return null;
        }
        String model;
        double[] coeffs;
        switch (distortionModel) {
            case PLUMB_BOB -> {
                model = "brown_conrady";
                coeffs = Arrays.copyOf(d, 5);
            }
            case EQUIDISTANT -> {
                model = "kannala_brandt4";
                coeffs = Arrays.copyOf(d, 4);
            }
            default -> {
                model = distortionModel;
                coeffs = d;
            }
        }
        return new Intrinsics(k[0], k[4], k[2], k[5], model, Arrays.stream(coeffs).boxed().toList());
    }

    private static double[] coefficients(List<Double> coeffs, int n, String model) {
        double[] out = new double[n];
        if (coeffs == null) {
            return out;
        }
        if (coeffs.size() < n) {
            throw new IllegalArgumentException(model + " needs " + n + " coefficients, got " + coeffs.size());
        }
        for (int i = 0; i < n; i++) {
            out[i] = Objects.requireNonNull(coeffs.get(i), "coefficient " + i);
        }
        return out;
    }

    private static double[] fixed(double[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " elements");
        }
        return a.clone();
    }

    @Override
    public double[] d() {
        return d.clone();
    }

    @Override
    public double[] k() {
        return k.clone();
    }

    @Override
    public double[] r() {
        return r.clone();
    }

    @Override
    public double[] p() {
        return p.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraInfo c && width == c.width && height == c.height
                && distortionModel.equals(c.distortionModel) && Arrays.equals(d, c.d) && Arrays.equals(k, c.k)
                && Arrays.equals(r, c.r) && Arrays.equals(p, c.p);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, distortionModel, Arrays.hashCode(d), Arrays.hashCode(k));
    }

    @Override
    public String toString() {
        return "CameraInfo[" + width + "x" + height + " " + distortionModel + " D=" + Arrays.toString(d)
                + " K=" + Arrays.toString(k) + "]";
    }
}
