package dev.camrtc.media.jpeg;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.Buffer;

/**
 * The few TurboJPEG 2.1 functions (libjpeg-turbo's {@code turbojpeg.h}) {@link JpegEncoder} and
 * {@link JpegDecompressor} need, bound
 * with JNA direct mapping to Debian's {@code libturbojpeg.so.0} (package {@code libturbojpeg0}). Direct
 * mapping passes a direct {@link Buffer}'s address and primitives without allocating native memory.
 */
final class TurboJpeg {
    /** The soname we load; package {@code libturbojpeg0} on Debian/Ubuntu. */
    static final String SONAME = "libturbojpeg.so.0";

    static final int TJPF_BGR = 1;
    static final int TJPF_GRAY = 6;
    static final int TJSAMP_420 = 2;
    static final int TJSAMP_GRAY = 3;
    /** Never reallocate the caller's output buffer (sized with {@link #tjBufSize}). */
    static final int TJFLAG_NOREALLOC = 1024;

    private static final Throwable LOAD_ERROR;

    static {
        Throwable error = null;
        try {
            Native.register(TurboJpeg.class, NativeLibrary.getInstance(SONAME));
        } catch (UnsatisfiedLinkError e) {
            error = e;
        }
        LOAD_ERROR = error;
    }

    private TurboJpeg() {
    }

    /** @throws IllegalStateException naming the Debian package when the library could not be loaded */
    static void requireLoaded() {
        if (LOAD_ERROR != null) {
            throw new IllegalStateException("JPEG encoding needs libjpeg-turbo's TurboJPEG library (" + SONAME
                    + "): install the Debian package libturbojpeg0 (" + LOAD_ERROR.getMessage() + ")", LOAD_ERROR);
        }
    }

    static native Pointer tjInitCompress();

    static native int tjCompress2(Pointer handle, Buffer srcBuf, int width, int pitch, int height, int pixelFormat,
                                  Pointer jpegBuf, Pointer jpegSize, int jpegSubsamp, int jpegQual, int flags);

    static native NativeLong tjBufSize(int width, int height, int jpegSubsamp);

    static native Pointer tjInitDecompress();

    /** Reads a JPEG's size, chroma subsampling and colorspace into the four int out-parameters. */
    static native int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer width,
                                          Pointer height, Pointer jpegSubsamp, Pointer jpegColorspace);

    static native int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf, int width,
                                    int pitch, int height, int pixelFormat, int flags);

    static native String tjGetErrorStr2(Pointer handle);

    static native int tjDestroy(Pointer handle);
}
