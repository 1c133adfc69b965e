package dev.camrtc.media.jpeg;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;

/**
 * JPEG to bgr8 / mono8 straight into a caller's direct buffer (a pooled frame) with libjpeg-turbo's TurboJPEG
 * API: one decompressor and one small out-parameter block for its life, nothing allocated per image. For
 * sources that receive JPEG per frame (ROS CompressedImage); {@link JpegDecoder} (OpenCV, a new frame per
 * call) stays for occasional decodes. Calls are serialized; {@link #close()} frees the decompressor.
 */
public final class JpegDecompressor implements AutoCloseable {
    /** Largest width or height accepted from a JPEG header. */
    public static final int MAX_SIDE = 16384;

    private Pointer handle;
    private final Memory header = new Memory(16); // int width, height, subsamp, colorspace

    /** @throws IllegalStateException when libturbojpeg0 is not installed */
    public JpegDecompressor() {
        TurboJpeg.requireLoaded();
        handle = TurboJpeg.tjInitDecompress();
        if (handle == null) {
            header.close();
            throw new IllegalStateException("TurboJPEG could not create a decompressor: " + TurboJpeg.tjGetErrorStr2(null));
        }
    }

    /** Width and height of a JPEG. */
    public record Size(int width, int height) {
    }

    /**
     * The size of the JPEG between {@code jpeg}'s position and limit (a direct buffer).
     *
     * @throws IllegalArgumentException when it is not a JPEG TurboJPEG can read, or larger than {@value #MAX_SIDE}
     */
    public synchronized Size size(ByteBuffer jpeg) {
        ensureOpen();
        int rc = TurboJpeg.tjDecompressHeader3(handle, address(jpeg), new NativeLong(jpeg.remaining()), header,
                header.share(4), header.share(8), header.share(12));
        int w = header.getInt(0);
        int h = header.getInt(4);
        if (rc != 0 || w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
            throw new IllegalArgumentException("not a readable JPEG (" + jpeg.remaining() + " bytes): "
                    + (rc != 0 ? TurboJpeg.tjGetErrorStr2(handle) : w + "x" + h));
        }
        return new Size(w, h);
    }

    /**
     * Decodes the JPEG between {@code jpeg}'s position and limit (direct) into {@code dst} (direct, from position
     * 0, tightly packed rows of {@code size.width()} pixels of {@code format}).
     *
     * @throws IllegalArgumentException when the JPEG cannot be decoded, or {@code dst} is too small
     */
    public synchronized void decode(ByteBuffer jpeg, Size size, PixelFormat format, ByteBuffer dst) {
        ensureOpen();
        int pixelFormat = switch (format) {
            case BGR8 -> TurboJpeg.TJPF_BGR;
            case MONO8 -> TurboJpeg.TJPF_GRAY;
            default -> throw new IllegalArgumentException("JPEG decodes to bgr8 or mono8, not " + format.rosEncoding());
        };
        int pitch = size.width() * format.bytesPerPixel();
        if (dst.capacity() < (long) pitch * size.height()) {
            throw new IllegalArgumentException("destination holds " + dst.capacity() + " bytes, " + size + " "
                    + format.rosEncoding() + " needs " + (long) pitch * size.height());
        }
        int rc = TurboJpeg.tjDecompress2(handle, address(jpeg), new NativeLong(jpeg.remaining()),
                Native.getDirectBufferPointer(dst), size.width(), pitch, size.height(), pixelFormat, 0);
        if (rc != 0) {
            throw new IllegalArgumentException("JPEG could not be decoded: " + TurboJpeg.tjGetErrorStr2(handle));
        }
    }

    private static Pointer address(ByteBuffer jpeg) {
        if (!jpeg.isDirect()) {
            throw new IllegalArgumentException("JpegDecompressor reads direct buffers only");
        }
        return Native.getDirectBufferPointer(jpeg).share(jpeg.position());
    }

    private void ensureOpen() {
        if (handle == null) {
            throw new IllegalStateException("JpegDecompressor is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            TurboJpeg.tjDestroy(handle);
            handle = null;
            header.close();
        }
    }
}
