package dev.camrtc.systemtests.depth;

import dev.camrtc.media.depth.DepthChunkWriter;
import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthTestPattern;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Test-pattern depth frames (PROTOCOL.md 8) encoded by the Java side (media's {@link DepthFrameCodec} and
 * {@link DepthChunkWriter}), as the chunks a sender puts on the data channel, base64 for a page.
 */
public final class JavaDepthFrames {

    private JavaDepthFrames() {
    }

    /** Capture time of frame {@code n} in the tests' frames: a fixed epoch plus 33,333 us per frame. */
    public static long captureMicros(long n) {
        return 1_700_000_000_000_000L + n * 33_333;
    }

    /** The encoded payload of frame {@code n} of the pattern (exactly its length). */
    public static byte[] payload(long n, DepthCodec codec, int width, int height) {
        ByteBuffer depth = ByteBuffer.allocate(width * height * 2);
        DepthTestPattern.fill(depth, width, height, n);
        byte[] out = new byte[DepthFrameCodec.maxEncodedSize(codec, width * height)];
        int length = new DepthFrameCodec().encode(codec, depth, width, height, out, 0);
        return java.util.Arrays.copyOf(out, length);
    }

    /** The chunks of frame {@code n}, base64. */
    public static List<String> chunks(long n, DepthCodec codec, int width, int height) {
        return chunks(new DepthFrameHeader(n, captureMicros(n), width, height, codec), payload(n, codec, width, height));
    }

    /** The chunks of any payload under this header, base64. */
    public static List<String> chunks(DepthFrameHeader header, byte[] payload) {
        List<String> out = new ArrayList<>();
        try {
            new DepthChunkWriter().write(header, payload, 0, payload.length, chunk -> {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.add(Base64.getEncoder().encodeToString(bytes));
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
