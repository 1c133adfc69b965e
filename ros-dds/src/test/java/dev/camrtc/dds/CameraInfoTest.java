package dev.camrtc.dds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.camrtc.protocol.Intrinsics;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraInfoTest {
    @Test
    void brownConradyBecomesPlumbBobWithKRAndP() {
        CameraInfo c = CameraInfo.from(new Intrinsics(600, 601, 320, 240, "brown_conrady",
                List.of(0.1, 0.2, 0.3, 0.4, 0.5)), 640, 480);
        assertEquals(CameraInfo.PLUMB_BOB, c.distortionModel());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, c.d());
        assertArrayEquals(new double[] {600, 0, 320, 0, 601, 240, 0, 0, 1}, c.k());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, c.r());
        assertArrayEquals(new double[] {600, 0, 320, 0, 0, 601, 240, 0, 0, 0, 1, 0}, c.p());
        assertEquals(640, c.width());
        assertEquals(480, c.height());
    }

    @Test
    void inverseBrownConradyAndNoneMapToPlumbBob() {
        assertEquals(CameraInfo.PLUMB_BOB, CameraInfo.from(new Intrinsics(1, 1, 0, 0, "inverse_brown_conrady",
                List.of(0.0, 0.0, 0.0, 0.0, 0.0)), 4, 4).distortionModel());
        CameraInfo none = CameraInfo.from(new Intrinsics(1, 1, 0, 0, "none", List.of(9.0, 9.0, 9.0, 9.0, 9.0)), 4, 4);
        assertArrayEquals(new double[5], none.d());
        assertArrayEquals(new double[5], CameraInfo.from(new Intrinsics(1, 1, 0, 0, null, null), 4, 4).d());
    }

    @Test
    void kannalaBrandtBecomesEquidistant() {
        CameraInfo c = CameraInfo.from(new Intrinsics(1, 1, 0, 0, "kannala_brandt4", List.of(1.0, 2.0, 3.0, 4.0, 0.0)), 4, 4);
        assertEquals(CameraInfo.EQUIDISTANT, c.distortionModel());
        assertArrayEquals(new double[] {1, 2, 3, 4}, c.d());
    }

    @Test
    void refusesUnknownModelsShortCoefficientsAndBadSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> CameraInfo.from(new Intrinsics(1, 1, 0, 0, "ftheta", List.of(1.0)), 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> CameraInfo.from(new Intrinsics(1, 1, 0, 0, "brown_conrady", List.of(1.0)), 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> CameraInfo.from(new Intrinsics(1, 1, 0, 0, "none", null), 0, 4));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] k = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        CameraInfo c = new CameraInfo(2, 2, "plumb_bob", new double[5], k, k, new double[12]);
        k[0] = 42;
        c.k()[1] = 42;
        assertEquals(1, c.k()[0]);
        assertEquals(0, c.k()[1]);
    }
}
