package dev.camrtc.dds.cyclone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.ImageSample;
import org.junit.jupiter.api.Test;

/**
 * The checks on received samples, on C samples laid out as Cyclone lends them (RosTypes' offsets): every field
 * a hostile publisher controls is bounded before a byte of data is read.
 */
class SampleDecodeTest {
    private final Memory data = new Memory(64 * 48 * 3);
    private final Memory encoding = Cyclone.cString("bgr8");

    private Memory image(int width, int height, int step, Pointer enc, int length) {
        Memory m = new Memory(64);
        m.clear();
        m.setInt(RosTypes.HEADER_SEC, 1_700_000_000);
        m.setInt(RosTypes.HEADER_NANOSEC, 123_456_789);
        m.setInt(RosTypes.IMAGE_HEIGHT, height);
        m.setInt(RosTypes.IMAGE_WIDTH, width);
        m.setPointer(RosTypes.IMAGE_ENCODING, enc);
        m.setInt(RosTypes.IMAGE_STEP, step);
        CycloneWriter.sequence(m, RosTypes.IMAGE_DATA, data, length);
        return m;
    }

    @Test
    void aWellFormedImageIsViewedInPlace() {
        ImageSample s = CycloneImageSubscriber.decode(image(64, 48, 192, encoding, 64 * 48 * 3));
        assertEquals(1_700_000_000_123_456_789L, s.stampNanos());
        assertEquals("bgr8", s.encoding());
        assertEquals(192 * 48, s.data().remaining());
        assertTrue(s.data().isReadOnly() && s.data().isDirect(), "a read-only view of the lent memory");
    }

    @Test
    void sizeFieldsThatDoNotFitTheDataAreRefused() {
        assertRefused(image(64, 96, 192, encoding, 64 * 48 * 3), "needs 18432 bytes of data, the sample has 9216");
        assertRefused(image(0, 48, 192, encoding, 64 * 48 * 3), "outside 1..8192");
        assertRefused(image(9000, 1, 27000, encoding, 64 * 48 * 3), "outside 1..8192");
        assertRefused(image(-1, 48, 192, encoding, 64 * 48 * 3), "outside 1..8192"); // 4294967295 as uint32
        assertRefused(image(64, 48, 32, encoding, 64 * 48 * 3), "step 32");
        assertRefused(image(64, 48, -192, encoding, 64 * 48 * 3), "step 4294967104"); // uint32 overflow of step x height
        assertRefused(image(64, 48, 192, null, 64 * 48 * 3), "encoding");
        assertRefused(image(64, 48, 192, Cyclone.cString("x".repeat(100)), 64 * 48 * 3), "overlong encoding");
    }

    @Test
    void cameraInfoWithTooManyCoefficientsIsRefused() {
        Memory m = new Memory(328);
        m.clear();
        m.setInt(RosTypes.INFO_WIDTH, 640);
        m.setInt(RosTypes.INFO_HEIGHT, 480);
        m.setPointer(RosTypes.INFO_DISTORTION_MODEL, Cyclone.cString("plumb_bob"));
        Memory d = new Memory(8 * 5);
        d.write(0, new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, 0, 5);
        CycloneWriter.sequence(m, RosTypes.INFO_D, d, 5);
        m.write(RosTypes.INFO_K, new double[] {600, 0, 320, 0, 601, 240, 0, 0, 1}, 0, 9);
        CameraInfo info = CycloneCameraInfoSubscriber.decode(m);
        assertEquals(5, info.d().length);
        assertEquals(601, info.toIntrinsics().fy());
        CycloneWriter.sequence(m, RosTypes.INFO_D, d, 1_000_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CycloneCameraInfoSubscriber.decode(m));
        assertTrue(e.getMessage().contains("1000000 distortion coefficients"), e.getMessage());
    }

    private static void assertRefused(Memory sample, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CycloneImageSubscriber.decode(sample));
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should contain '" + reason + "'");
    }
}
