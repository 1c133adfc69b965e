package dev.camrtc.media.frame;

import dev.camrtc.media.natives.WebRtcLibrary;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import java.nio.ByteBuffer;

/**
 * Converts between {@link CameraFrame}s (BGR8, MONO8) and WebRTC's I420 buffers.
 *
 * <p>BGR8 goes through libyuv ({@link FourCC#BG24} = bytes B, G, R); MONO8 is the luma plane itself
 * (U and V are 128, grey). libyuv needs direct buffers; heap frames are first copied into a scratch
 * buffer owned by this converter. An instance is not thread-safe: use one per producing thread
 * (e.g. one per stream).
 */
public final class I420Converter {

    /** Chroma value of grey. */
    static final byte NEUTRAL_CHROMA = (byte) 128;

    static {
        WebRtcLibrary.load();
    }

    private ByteBuffer scratch;

    /**
     * A new I420 buffer holding the frame's image. The caller owns one reference and must
     * {@code release()} it (usually after wrapping it in a VideoFrame and pushing that).
     *
     * @throws IllegalArgumentException for a format other than BGR8 or MONO8
     */
    public NativeI420Buffer toI420(CameraFrame frame) {
        if (frame.format() != PixelFormat.BGR8 && frame.format() != PixelFormat.MONO8) {
            throw new IllegalArgumentException("stream " + frame.stream() + ": cannot send "
                    + frame.format().rosEncoding() + " as video, only bgr8 or mono8");
        }
        NativeI420Buffer i420 = NativeI420Buffer.allocate(frame.width(), frame.height());
        try {
            if (frame.format() == PixelFormat.BGR8) {
                VideoBufferConverter.convertToI420(direct(frame), i420, FourCC.BG24);
            } else {
                copyPlane(frame.pixels(), frame.width(), i420.getDataY(), i420.getStrideY(), frame.width(), frame.height());
                fill(i420.getDataU(), NEUTRAL_CHROMA);
                fill(i420.getDataV(), NEUTRAL_CHROMA);
            }
            return i420;
        } catch (Exception e) {
            i420.release();
            throw e instanceof RuntimeException re ? re : new IllegalStateException("I420 conversion failed", e);
        }
    }

    /**
     * Tightly packed pixels of an I420 image in the given format (BGR8 via libyuv, MONO8 = the Y plane),
     * written into {@code out} from index 0 and returned. {@code out} must be direct for BGR8 and hold
     * {@code width * height * bytesPerPixel} bytes; pass null to get a new direct buffer.
     */
    public static ByteBuffer fromI420(I420Buffer i420, PixelFormat format, ByteBuffer out) {
        int width = i420.getWidth();
        int height = i420.getHeight();
        int size = width * height * format.bytesPerPixel();
        ByteBuffer dst = out != null ? out : ByteBuffer.allocateDirect(size);
        if (dst.capacity() < size) {
            throw new IllegalArgumentException("output buffer of " + dst.capacity() + " bytes, need " + size);
        }
        switch (format) {
            case BGR8 -> {
                if (!dst.isDirect()) {
                    throw new IllegalArgumentException("BGR8 conversion needs a direct output buffer");
                }
                try {
                    VideoBufferConverter.convertFromI420(i420, dst.duplicate().clear(), FourCC.BG24);
                } catch (Exception e) {
                    throw new IllegalStateException("I420 to bgr8 conversion failed", e);
                }
            }
            case MONO8 -> copyPlane(i420.getDataY(), i420.getStrideY(), dst, width, width, height);
            default -> throw new IllegalArgumentException("cannot convert I420 to " + format.rosEncoding());
        }
        return dst;
    }

    private ByteBuffer direct(CameraFrame frame) {
        ByteBuffer pixels = frame.pixels();
        if (frame.buffer().isDirect()) {
            return pixels;
        }
        if (scratch == null || scratch.capacity() < frame.size()) {
            scratch = ByteBuffer.allocateDirect(frame.size());
        }
        ByteBuffer s = scratch.duplicate().clear();
        s.put(pixels);
        return s.flip();
    }

    private static void copyPlane(ByteBuffer src, int srcStride, ByteBuffer dst, int dstStride, int width, int height) {
        ByteBuffer s = src.duplicate().clear();
        ByteBuffer d = dst.duplicate().clear();
        for (int y = 0; y < height; y++) {
            s.limit(y * srcStride + width).position(y * srcStride);
            d.position(y * dstStride);
            d.put(s);
        }
    }

    private static void fill(ByteBuffer plane, byte value) {
        ByteBuffer p = plane.duplicate().clear();
        while (p.hasRemaining()) {
            p.put(value);
        }
    }
}
