package dev.camrtc.ros.output;

import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoPublisher;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A stream's camera_info topic: the camera model published after each image, its publisher made once, with
 * the first model. Thread-safe: the model is set from the session, published from the publishing thread.
 */
public final class CameraInfoOutput implements AutoCloseable {
    private final Supplier<CameraInfoPublisher> factory;
    private final AtomicReference<CameraInfo> model = new AtomicReference<>();
    private CameraInfoPublisher publisher; // guarded by this
    private boolean closed; // guarded by this

    /** @param factory makes the publisher, called once, when the first camera model is set */
    public CameraInfoOutput(Supplier<CameraInfoPublisher> factory) {
        this.factory = factory;
    }

    /** Sets (or, with null, clears) the camera model. */
    public synchronized void set(CameraInfo info) {
        if (info != null && publisher == null && !closed) {
            publisher = factory.get();
        }
        model.set(info);
    }

    /** Publishes the camera model, if one is set, with the image's stamp and frame id. */
    public void publish(Instant stamp, String frameId) {
        CameraInfo info = model.get();
        if (info != null) {
            CameraInfoPublisher out;
            synchronized (this) {
                out = publisher;
            }
            out.publish(info, stamp, frameId);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (publisher != null) {
            publisher.close();
        }
    }
}
