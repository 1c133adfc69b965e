package dev.camrtc.media.jpeg;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;

/**
 * JPEG encoding of bgr8 (4:2:0) and mono8 (grey) frames with libjpeg-turbo's TurboJPEG API (Debian package
 * {@code libturbojpeg0}, SIMD; about 0.6 ms for 640x480, see realsense-javacv-jpeg.md).
 *
 * <p>No native allocation per frame: one TurboJPEG compressor, one native output buffer of the worst-case
 * size ({@code tjBufSize}, reallocated only when a larger frame arrives) and, for heap frames only, one native
 * copy of the pixels, all made once and freed in {@link #close()}. Direct frames are read in place. The only
 * per-frame allocation is the returned {@code byte[]} (or none with {@link #encode(CameraFrame, byte[])}).
 * Calls are serialized (an encode at a time; {@link #close()} waits for one in progress, so a late close can
 * never free memory TurboJPEG is using): use one encoder per encoding thread for parallelism.
 */
public final class JpegEncoder implements AutoCloseable {

    private final int quality;
    private Pointer handle;
    /** Out-parameters of tjCompress2: the output buffer's address at 0, its size (unsigned long) at 8. */
    private final Memory outParams = new Memory(16);
    private final Pointer sizeParam = outParams.share(8);
    private Memory output;
    private Memory scratch;
    private ByteBuffer scratchView;

    /**
     * @param quality 1..100 (each user keeps its own default, e.g. the sender's MJPEG server and the ROS receiver)
     * @throws IllegalStateException when libturbojpeg0 is not installed
     */
    public JpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is out of range 1..100");
        }
        TurboJpeg.requireLoaded();
        if (Native.LONG_SIZE != 8) {
            throw new IllegalStateException("JpegEncoder supports 64-bit Linux only (unsigned long of "
                    + Native.LONG_SIZE + " bytes)");
        }
        this.quality = quality;
        this.handle = TurboJpeg.tjInitCompress();
        if (handle == null) {
            outParams.close();
            throw new IllegalStateException("TurboJPEG could not create a compressor: " + TurboJpeg.tjGetErrorStr2(null));
        }
    }

    public int quality() {
        return quality;
    }

    /** True for the pixel formats this encoder takes (bgr8, mono8). */
    public static boolean supports(PixelFormat format) {
        return format == PixelFormat.BGR8 || format == PixelFormat.MONO8;
    }

    /**
     * The JPEG file (JFIF) of {@code frame}, in a new array.
     *
     * @throws IllegalArgumentException for a pixel format other than bgr8 / mono8
     * @throws IllegalStateException    when TurboJPEG refuses to encode, or after {@link #close()}
     */
    public synchronized byte[] encode(CameraFrame frame) {
        int length = compress(frame);
        byte[] jpeg = new byte[length];
        output.read(0, jpeg, 0, length);
        return jpeg;
    }

    /**
     * Encodes {@code frame} into {@code dest} from index 0, for a caller that reuses its array.
     *
     * @return the JPEG's length, or -1 when it does not fit into {@code dest} (nothing written then)
     * @throws IllegalArgumentException for a pixel format other than bgr8 / mono8
     * @throws IllegalStateException    when TurboJPEG refuses to encode, or after {@link #close()}
     */
    public synchronized int encode(CameraFrame frame, byte[] dest) {
        int length = compress(frame);
        if (length > dest.length) {
            return -1;
        }
        output.read(0, dest, 0, length);
        return length;
    }

    /** Compresses into {@link #output}; returns the JPEG's length. */
    private int compress(CameraFrame frame) {
        if (handle == null) {
            throw new IllegalStateException("JpegEncoder is closed");
        }
        int pixelFormat;
        int subsamp;
        switch (frame.format()) {
            case BGR8 -> {
                pixelFormat = TurboJpeg.TJPF_BGR;
                subsamp = TurboJpeg.TJSAMP_420;
            }
            case MONO8 -> {
                pixelFormat = TurboJpeg.TJPF_GRAY;
                subsamp = TurboJpeg.TJSAMP_GRAY;
            }
            default -> throw new IllegalArgumentException("JPEG needs bgr8 or mono8, stream " + frame.stream()
                    + " is " + frame.format().rosEncoding());
        }
        long capacity = TurboJpeg.tjBufSize(frame.width(), frame.height(), subsamp).longValue();
        if (output == null || output.size() < capacity) {
            if (output != null) {
                output.close();
            }
            output = new Memory(capacity);
        }
        ByteBuffer source = source(frame);
        outParams.setPointer(0, output);
        sizeParam.setLong(0, output.size());
        int rc = TurboJpeg.tjCompress2(handle, source, frame.width(), frame.stride(), frame.height(), pixelFormat,
                outParams, sizeParam, subsamp, quality, TurboJpeg.TJFLAG_NOREALLOC);
        if (rc != 0) {
            throw new IllegalStateException("TurboJPEG could not encode " + frame.stream() + " frame " + frame.sequence()
                    + ": " + TurboJpeg.tjGetErrorStr2(handle));
        }
        return (int) sizeParam.getLong(0);
    }

    /** The frame's pixels from address 0 of a direct buffer: the frame's own when it is direct, else a copy. */
    private ByteBuffer source(CameraFrame frame) {
        ByteBuffer own = frame.buffer();
        int size = frame.size();
        if (own.isDirect()) {
            if (own.capacity() < size) {
                throw new IllegalArgumentException("stream " + frame.stream() + ": buffer of " + own.capacity()
                        + " bytes is smaller than a " + frame.width() + "x" + frame.height() + " frame");
            }
            return own.position() == 0 ? own : own.duplicate().position(0); // JNA may add the position
        }
        if (scratch == null || scratch.size() < size) {
            if (scratch != null) {
                scratch.close();
            }
            scratch = new Memory(size);
            scratchView = scratch.getByteBuffer(0, size);
        }
        scratchView.clear();
        scratchView.put(frame.pixels());
        return scratchView.position(0);
    }

    /** Native address of the output buffer (tests: it must not change between frames of the same size). */
    synchronized long outputAddress() {
        return output == null ? 0 : Pointer.nativeValue(output);
    }

    /** Frees the compressor and the native buffers; safe to call twice. */
    @Override
    public synchronized void close() {
        if (handle == null) {
            return;
        }
        TurboJpeg.tjDestroy(handle);
        handle = null;
        outParams.close();
        if (output != null) {
            output.close();
            output = null;
        }
        if (scratch != null) {
            scratch.close();
            scratch = null;
            scratchView = null;
        }
    }
}
