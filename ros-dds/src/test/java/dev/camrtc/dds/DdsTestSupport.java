package dev.camrtc.dds;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/** Frames with known content, checksums as the C peer computes them, and waiting for matches. */
public final class DdsTestSupport {
    private DdsTestSupport() {
    }

    /** Options for tests: defaults (multicast discovery as on a ROS machine) on the given domain. */
    public static DdsOptions options(int domain) {
        return DdsOptions.fromEnvironment(Map.of()).withDomainId(domain);
    }

    public static Map<String, String> peerEnv(int domain) {
        return Map.of("ROS_DOMAIN_ID", Integer.toString(domain));
    }

    /** A frame whose every byte depends on its sequence, in a direct (or heap) buffer. */
    public static CameraFrame frame(PixelFormat format, int width, int height, long sequence, boolean direct) {
        int size = width * height * format.bytesPerPixel();
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (i * 31 + sequence * 7 + (i >> 11)));
        }
        return new CameraFrame("color", width, height, format, b, sequence, System.currentTimeMillis());
    }

    /** FNV-1a 64 of the frame's pixels, as ros_sub prints it. */
    public static String fnv(ByteBuffer pixels) {
        long h = 0xcbf29ce484222325L;
        ByteBuffer p = pixels.duplicate();
        while (p.hasRemaining()) {
            h ^= p.get() & 0xff;
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Waits until the publisher has at least {@code n} matched subscribers. */
    public static void awaitSubscribers(RosPublisher publisher, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (publisher.subscriptionCount() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError(publisher.topic() + ": " + publisher.subscriptionCount()
                        + " subscribers matched after " + timeout + ", expected " + n);
            }
            Thread.sleep(10);
        }
        // The writer sees a reader before that reader has matched the writer (discovery is not symmetric
        // in time); a volatile sample written in between is legitimately never delivered. Let them settle.
        Thread.sleep(READER_SETTLE_MILLIS);
    }

    /** How long {@link #awaitSubscribers} waits after the writer matched, for the readers' side to match. */
    static final long READER_SETTLE_MILLIS = 300;
}
