package dev.camrtc.media.frame;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One image of one stream, as it leaves a camera or a decoder; reference counted.
 *
 * <p>{@link #buffer()} holds {@code height} tightly packed rows of {@code width * format.bytesPerPixel()}
 * bytes, from position 0. Only the frame's creator writes the pixels, before it hands the frame to anyone;
 * from then on the frame is read-only.
 *
 * <p>Ownership: a frame starts with one reference, owned by its creator. Whoever is given a frame in a
 * callback (a {@code FrameSink}) borrows it for the duration of the call; to keep it longer, call
 * {@link #retain()} inside the call and {@link #release()} when done. The creator releases its own
 * reference after handing the frame on. When the count drops to zero a pooled frame's buffer goes back
 * to its {@link FramePool} at once (deterministically, on the releasing thread); the frame object itself
 * is dead: releasing it again or reading its pixels throws IllegalStateException. {@link #copy()} makes
 * an independent, unpooled frame for a consumer that wants to keep pixels without holding a pool buffer.
 *
 * <p>Capture time: wall clock in microseconds since the Unix epoch ({@link #captureTimeMicros()}), the precision of
 * the PROTOCOL.md 8 depth chunk header; a source with a finer clock (a ROS header.stamp) keeps its microseconds,
 * one that reads milliseconds passes them to the millisecond constructor or factory (x 1000).
 * {@link #captureTimeMillis()} is the same instant floored to milliseconds, for what carries milliseconds (the
 * PROTOCOL.md 7 frame stamp, MJPEG, latency in ms).
 *
 * <p>Frames made with the public constructor or {@link #ofMicros} belong to no pool (their buffer is simply dropped
 * at the last release) but follow the same counting rules. {@code retain} and {@code release} are thread-safe.
 */
public final class CameraFrame {

    private final String stream;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final ByteBuffer buffer;
    private final long sequence;
    private final long captureTimeMicros;
    private final FramePool pool;
    private final AtomicInteger refs = new AtomicInteger(1);

    /**
     * An unpooled frame with one reference.
     *
     * @param stream            stream name ({@code color}, {@code infrared}, ...)
     * @param sequence          frame counter of this stream, starting anywhere, +1 per captured frame
     * @param captureTimeMillis wall-clock capture time, milliseconds since the Unix epoch (kept as x 1000 microseconds)
     */
    public CameraFrame(String stream, int width, int height, PixelFormat format, ByteBuffer buffer,
                       long sequence, long captureTimeMillis) {
        this(stream, width, height, format, buffer, sequence, microsOf(captureTimeMillis), null);
    }

    /**
     * An unpooled frame with one reference, captured at {@code captureTimeMicros} (wall clock, microseconds since
     * the Unix epoch); otherwise like {@link #CameraFrame(String, int, int, PixelFormat, ByteBuffer, long, long)}.
     */
    public static CameraFrame ofMicros(String stream, int width, int height, PixelFormat format, ByteBuffer buffer,
                                       long sequence, long captureTimeMicros) {
        return new CameraFrame(stream, width, height, format, buffer, sequence, captureTimeMicros, null);
    }

    /**
     * A capture time in milliseconds as microseconds (x 1000).
     *
     * @throws ArithmeticException when it does not fit in a long (no real clock reading)
     */
    public static long microsOf(long captureTimeMillis) {
        return Math.multiplyExact(captureTimeMillis, 1000L);
    }

    CameraFrame(String stream, int width, int height, PixelFormat format, ByteBuffer buffer,
                long sequence, long captureTimeMicros, FramePool pool) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(buffer, "buffer");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        long needed = (long) width * height * format.bytesPerPixel();
        if (buffer.capacity() < needed) {
            throw new IllegalArgumentException("buffer holds " + buffer.capacity() + " bytes, "
                    + width + "x" + height + " " + format + " needs " + needed);
        }
        this.stream = stream;
        this.width = width;
        this.height = height;
        this.format = format;
        this.buffer = buffer;
        this.sequence = sequence;
        this.captureTimeMicros = captureTimeMicros;
        this.pool = pool;
    }

    public String stream() {
        return stream;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    public long sequence() {
        return sequence;
    }

    /** Wall-clock capture time, microseconds since the Unix epoch. */
    public long captureTimeMicros() {
        return captureTimeMicros;
    }

    /** {@link #captureTimeMicros()} floored to milliseconds since the Unix epoch. */
    public long captureTimeMillis() {
        return Math.floorDiv(captureTimeMicros, 1000L);
    }

    /**
     * The frame's own buffer (position and limit undefined: use absolute indexes or {@link #pixels()}).
     *
     * @throws IllegalStateException after the last {@link #release()}
     */
    public ByteBuffer buffer() {
        requireLive();
        return buffer;
    }

    /** Bytes per row. */
    public int stride() {
        return width * format.bytesPerPixel();
    }

    /** Bytes of the whole image. */
    public int size() {
        return stride() * height;
    }

    /**
     * A read-only view of the pixels, positioned at 0 with limit {@link #size()}.
     *
     * @throws IllegalStateException after the last {@link #release()}
     */
    public ByteBuffer pixels() {
        requireLive();
        return buffer.asReadOnlyBuffer().position(0).limit(size()).slice();
    }

    /**
     * A writable view of the pixels for the frame's creator, positioned at 0 with limit {@link #size()}.
     * Only before the frame is handed on.
     */
    public ByteBuffer writablePixels() {
        requireLive();
        return buffer.duplicate().position(0).limit(size()).slice();
    }

    /**
     * Adds a reference (to keep the frame beyond the call that lent it); returns this frame.
     *
     * @throws IllegalStateException when the frame was already released for good
     */
    public CameraFrame retain() {
        int n;
        do {
            n = refs.get();
            if (n <= 0) {
                throw new IllegalStateException("retain of released frame " + this);
            }
        } while (!refs.compareAndSet(n, n + 1));
        return this;
    }

    /**
     * Drops a reference; the last one returns a pooled frame's buffer to its pool.
     *
     * @throws IllegalStateException when the frame was already released for good (a double release)
     */
    public void release() {
        int n;
        do {
            n = refs.get();
            if (n <= 0) {
                throw new IllegalStateException("double release of frame " + this);
            }
        } while (!refs.compareAndSet(n, n - 1));
        if (n == 1 && pool != null) {
            pool.giveBack(buffer);
        }
    }

    /** True once the last reference was released. */
    public boolean released() {
        return refs.get() <= 0;
    }

    /** An independent unpooled copy (heap buffer) with the same metadata and one reference. */
    public CameraFrame copy() {
        ByteBuffer own = ByteBuffer.allocate(size());
        own.put(pixels()).flip();
        return ofMicros(stream, width, height, format, own, sequence, captureTimeMicros);
    }

    private void requireLive() {
        if (refs.get() <= 0) {
            throw new IllegalStateException("use of released frame " + this);
        }
    }

    @Override
    public String toString() {
        return stream + " #" + sequence + " " + width + "x" + height + " " + format.rosEncoding()
                + (pool != null ? " (pool " + pool.name() + ")" : "");
    }
}
